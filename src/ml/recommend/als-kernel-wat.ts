// The conjugate-gradient half-step of ALS (als.ts: solveSide with the 'cg' solver) in WebAssembly
// text, assembled at run time by wabt (als-kernel.ts). Each operation is the JavaScript's, in the same
// order: lanes of f64x2 are independent IEEE doubles (no fused multiply-add), so spreading the
// factor index d over two lanes changes no rounding, and every sum over e or over entries keeps its
// order. The factors come out bit-identical (test/ml/recommend/als-kernel.test.ts).
//
// Pointers are byte offsets into the imported memory; f (the factor count) is a multiple of 8.
// Layout of one call's arguments: indptr (i32, nRows + 1, rebased to 0), indices (i32 column =
// row of y), values (f32, as the CSR matrix stores them; widened exactly), x (nRows x f, written), y (f64, fixed side), yty (f x f, YᵀY + λI,
// symmetric), r / p / ap (f each, scratch).
export const ALS_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))

  ;; Σ a[i] * b[i] for i < n, added in index order from 0 (dotAt).
  (func $dot (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $s f64) (local $end i32)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $next)))
    (local.get $s))

  ;; out[d] = out[d] + w * y[d] for d < n (n even).
  (func $axpy (param $out i32) (param $y i32) (param $w f64) (param $n i32)
    (local $ws v128) (local $end i32)
    (local.set $ws (f64x2.splat (local.get $w)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out)
          (f64x2.add (v128.load (local.get $out)) (f64x2.mul (local.get $ws) (v128.load (local.get $y)))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $next))))

  ;; The dots of a[0..n) and b[0..n) with v[0..n) side by side: lane 0 is $dot(a, v), lane 1 $dot(b, v).
  (func $dot2 (param $a i32) (param $b i32) (param $v i32) (param $n i32) (result v128)
    (local $s v128) (local $end i32)
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
        (local.set $s (f64x2.add (local.get $s)
          (f64x2.mul (v128.load64_lane 1 (local.get $b) (v128.load64_splat (local.get $a))) (v128.load64_splat (local.get $v)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (br $next)))
    (local.get $s))

  ;; out[d] = out[d] + w0 * y0[d] + w1 * y1[d] for d < n (n even): $axpy twice, in one pass.
  (func $axpy2 (param $out i32) (param $y0 i32) (param $w0 f64) (param $y1 i32) (param $w1 f64) (param $n i32)
    (local $ws0 v128) (local $ws1 v128) (local $end i32)
    (local.set $ws0 (f64x2.splat (local.get $w0)))
    (local.set $ws1 (f64x2.splat (local.get $w1)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (v128.store (local.get $out)
          (f64x2.add
            (f64x2.add (v128.load (local.get $out)) (f64x2.mul (local.get $ws0) (v128.load (local.get $y0))))
            (f64x2.mul (local.get $ws1) (v128.load (local.get $y1)))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $y0 (i32.add (local.get $y0) (i32.const 16)))
        (local.set $y1 (i32.add (local.get $y1) (i32.const 16)))
        (br $next))))

  ;; out = (YᵀY + λI) v + Σ_k (alpha * value_k * (y_k · v)) y_k over entries start..end (multiplyA).
  ;; Row d of the symmetric YᵀY + λI is its column d, so eight rows' sums over e read eight adjacent
  ;; doubles of row e: each row's sum still adds its terms in e order from 0.
  (func $multiplyA (param $v i32) (param $out i32) (param $start i32) (param $end i32)
      (param $indices i32) (param $values i32) (param $y i32) (param $yty i32) (param $f i32) (param $alpha f64)
    (local $d i32) (local $e i32) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $ve v128)
    (local $row i32) (local $o i32)
    (local $k i32) (local $io i32) (local $io1 i32) (local $dots v128) (local $fb i32)
    (local.set $fb (i32.shl (local.get $f) (i32.const 3)))
    ;; Eight rows per pass.
    (block $dDone
      (loop $dNext
        (br_if $dDone (i32.ge_u (local.get $d) (local.get $f)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $row (i32.add (local.get $yty) (i32.shl (local.get $d) (i32.const 3))))
        (local.set $e (i32.const 0))
        (block $eDone
          (loop $eNext
            (br_if $eDone (i32.ge_u (local.get $e) (local.get $f)))
            (local.set $ve (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $e) (i32.const 3)))))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $row)) (local.get $ve))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $row)) (local.get $ve))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $row)) (local.get $ve))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $row)) (local.get $ve))))
            (local.set $row (i32.add (local.get $row) (local.get $fb)))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $eNext)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $d) (i32.const 3))))
        (v128.store (local.get $o) (local.get $a0))
        (v128.store offset=16 (local.get $o) (local.get $a1))
        (v128.store offset=32 (local.get $o) (local.get $a2))
        (v128.store offset=48 (local.get $o) (local.get $a3))
        (local.set $d (i32.add (local.get $d) (i32.const 8)))
        (br $dNext)))
    ;; Entries two at a time (two dots side by side, one pass over out), then the last one alone;
    ;; out still receives each entry's term in entry order.
    (local.set $k (local.get $start))
    (block $kDone
      (loop $kNext
        (br_if $kDone (i32.ge_u (i32.add (local.get $k) (i32.const 1)) (local.get $end)))
        (local.set $io (i32.add (local.get $y)
          (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $k) (i32.const 2)))) (local.get $fb))))
        (local.set $io1 (i32.add (local.get $y)
          (i32.mul (i32.load offset=4 (i32.add (local.get $indices) (i32.shl (local.get $k) (i32.const 2)))) (local.get $fb))))
        (local.set $dots (call $dot2 (local.get $io) (local.get $io1) (local.get $v) (local.get $f)))
        (call $axpy2 (local.get $out)
          (local.get $io)
          (f64.mul
            (f64.mul (local.get $alpha) (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
            (f64x2.extract_lane 0 (local.get $dots)))
          (local.get $io1)
          (f64.mul
            (f64.mul (local.get $alpha) (f64.promote_f32 (f32.load offset=4 (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
            (f64x2.extract_lane 1 (local.get $dots)))
          (local.get $f))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $kNext)))
    (if (i32.lt_u (local.get $k) (local.get $end))
      (then
        (local.set $io (i32.add (local.get $y)
          (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $k) (i32.const 2)))) (local.get $fb))))
        (call $axpy (local.get $out) (local.get $io)
          (f64.mul
            (f64.mul (local.get $alpha) (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2))))))
            (call $dot (local.get $io) (local.get $v) (local.get $f)))
          (local.get $f)))))

  ;; out = YᵀY + λI for the n rows of y (gramPlusLambda): the upper triangle summed row by row (a row's
  ;; zero factors skipped, as the JavaScript does), mirrored, then λ added to the diagonal. Row d's
  ;; sums start at the even column at or below d, so lanes stay paired; the one lower-triangle cell
  ;; this adds to is overwritten by the mirror.
  (func (export "gram") (param $y i32) (param $n i32) (param $f i32) (param $lambda f64) (param $out i32)
    (local $i i32) (local $d i32) (local $e i32) (local $fb i32) (local $row i32) (local $yd f64) (local $ys v128)
    (local $g i32) (local $src i32)
    (local.set $fb (i32.shl (local.get $f) (i32.const 3)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $f) (local.get $fb)))
    (block $iDone
      (loop $iNext
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $y) (i32.mul (local.get $i) (local.get $fb))))
        (local.set $d (i32.const 0))
        (block $dDone
          (loop $dNext
            (br_if $dDone (i32.ge_u (local.get $d) (local.get $f)))
            (local.set $yd (f64.load (i32.add (local.get $row) (i32.shl (local.get $d) (i32.const 3)))))
            (if (f64.ne (local.get $yd) (f64.const 0))
              (then
                (local.set $ys (f64x2.splat (local.get $yd)))
                (local.set $e (i32.and (local.get $d) (i32.const -2)))
                (local.set $g (i32.add (local.get $out)
                  (i32.shl (i32.add (i32.mul (local.get $d) (local.get $f)) (local.get $e)) (i32.const 3))))
                (local.set $src (i32.add (local.get $row) (i32.shl (local.get $e) (i32.const 3))))
                (block $eDone
                  (loop $eNext
                    (br_if $eDone (i32.ge_u (local.get $e) (local.get $f)))
                    (v128.store (local.get $g)
                      (f64x2.add (v128.load (local.get $g)) (f64x2.mul (local.get $ys) (v128.load (local.get $src)))))
                    (local.set $g (i32.add (local.get $g) (i32.const 16)))
                    (local.set $src (i32.add (local.get $src) (i32.const 16)))
                    (local.set $e (i32.add (local.get $e) (i32.const 2)))
                    (br $eNext)))))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $dNext)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iNext)))
    ;; g[d][e] = g[e][d] for e < d; then the diagonal += λ.
    (local.set $d (i32.const 0))
    (block $mDone
      (loop $mNext
        (br_if $mDone (i32.ge_u (local.get $d) (local.get $f)))
        (local.set $e (i32.const 0))
        (block $meDone
          (loop $meNext
            (br_if $meDone (i32.ge_u (local.get $e) (local.get $d)))
            (f64.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $d) (local.get $f)) (local.get $e)) (i32.const 3)))
              (f64.load (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $e) (local.get $f)) (local.get $d)) (i32.const 3)))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $meNext)))
        (local.set $g (i32.add (local.get $out) (i32.shl (i32.mul (local.get $d) (i32.add (local.get $f) (i32.const 1))) (i32.const 3))))
        (f64.store (local.get $g) (f64.add (f64.load (local.get $g)) (local.get $lambda)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $mNext))))

  ;; Every row u < nRows of x: warm-started conjugate-gradient steps on its normal equations (solveSide).
  (func (export "solve") (param $nRows i32) (param $indptr i32) (param $indices i32) (param $values i32)
      (param $x i32) (param $y i32) (param $yty i32) (param $r i32) (param $p i32) (param $ap i32)
      (param $f i32) (param $alpha f64) (param $cgSteps i32)
    (local $u i32) (local $start i32) (local $end i32) (local $xo i32) (local $fb i32) (local $k i32)
    (local $d i32) (local $step i32) (local $rsOld f64) (local $rsNew f64) (local $s v128) (local $beta v128)
    (local.set $fb (i32.shl (local.get $f) (i32.const 3)))
    (block $uDone
      (loop $uNext
        (br_if $uDone (i32.ge_u (local.get $u) (local.get $nRows)))
        (local.set $start (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $end (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $xo (i32.add (local.get $x) (i32.mul (local.get $u) (local.get $fb))))
        (if (i32.eq (local.get $start) (local.get $end))
          (then (memory.fill (local.get $xo) (i32.const 0) (local.get $fb)))
          (else
            ;; r = b - A x: A x, negated, then b = Σ_k (1 + alpha * value_k) y_k added entry by entry.
            (call $multiplyA (local.get $xo) (local.get $r) (local.get $start) (local.get $end)
              (local.get $indices) (local.get $values) (local.get $y) (local.get $yty) (local.get $f) (local.get $alpha))
            (local.set $d (i32.const 0))
            (block $negDone
              (loop $negNext
                (br_if $negDone (i32.ge_u (local.get $d) (local.get $fb)))
                (v128.store (i32.add (local.get $r) (local.get $d)) (f64x2.neg (v128.load (i32.add (local.get $r) (local.get $d)))))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $negNext)))
            (local.set $k (local.get $start))
            (block $bDone
              (loop $bNext
                (br_if $bDone (i32.ge_u (local.get $k) (local.get $end)))
                (call $axpy (local.get $r)
                  (i32.add (local.get $y)
                    (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $k) (i32.const 2)))) (local.get $fb)))
                  (f64.add (f64.const 1)
                    (f64.mul (local.get $alpha) (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 2)))))))
                  (local.get $f))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $bNext)))
            (memory.copy (local.get $p) (local.get $r) (local.get $fb))
            (local.set $rsOld (call $dot (local.get $r) (local.get $r) (local.get $f)))
            (local.set $step (i32.const 0))
            (block $cgDone
              (loop $cgNext
                (br_if $cgDone (i32.ge_u (local.get $step) (local.get $cgSteps)))
                (br_if $cgDone (i32.eqz (f64.gt (local.get $rsOld) (f64.const 1e-20))))
                (call $multiplyA (local.get $p) (local.get $ap) (local.get $start) (local.get $end)
                  (local.get $indices) (local.get $values) (local.get $y) (local.get $yty) (local.get $f) (local.get $alpha))
                (local.set $s (f64x2.splat
                  (f64.div (local.get $rsOld) (call $dot (local.get $p) (local.get $ap) (local.get $f)))))
                ;; x += stepSize p; r -= stepSize ap
                (local.set $d (i32.const 0))
                (block $xDone
                  (loop $xNext
                    (br_if $xDone (i32.ge_u (local.get $d) (local.get $fb)))
                    (v128.store (i32.add (local.get $xo) (local.get $d))
                      (f64x2.add (v128.load (i32.add (local.get $xo) (local.get $d)))
                        (f64x2.mul (local.get $s) (v128.load (i32.add (local.get $p) (local.get $d))))))
                    (v128.store (i32.add (local.get $r) (local.get $d))
                      (f64x2.sub (v128.load (i32.add (local.get $r) (local.get $d)))
                        (f64x2.mul (local.get $s) (v128.load (i32.add (local.get $ap) (local.get $d))))))
                    (local.set $d (i32.add (local.get $d) (i32.const 16)))
                    (br $xNext)))
                (local.set $rsNew (call $dot (local.get $r) (local.get $r) (local.get $f)))
                ;; p = r + (rsNew / rsOld) p
                (local.set $beta (f64x2.splat (f64.div (local.get $rsNew) (local.get $rsOld))))
                (local.set $d (i32.const 0))
                (block $pDone
                  (loop $pNext
                    (br_if $pDone (i32.ge_u (local.get $d) (local.get $fb)))
                    (v128.store (i32.add (local.get $p) (local.get $d))
                      (f64x2.add (v128.load (i32.add (local.get $r) (local.get $d)))
                        (f64x2.mul (local.get $beta) (v128.load (i32.add (local.get $p) (local.get $d))))))
                    (local.set $d (i32.add (local.get $d) (i32.const 16)))
                    (br $pNext)))
                (local.set $rsOld (local.get $rsNew))
                (local.set $step (i32.add (local.get $step) (i32.const 1)))
                (br $cgNext)))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $uNext))))
)
`;
