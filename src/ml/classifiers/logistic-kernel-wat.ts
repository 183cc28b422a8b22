// The Hessian of logistic regression (logistic.ts: computeHessian) in WebAssembly text, assembled at
// run time (logistic-kernel.ts). Rows are read in order and each one's terms are added to every
// lower-triangle cell, two cells per f64x2: each cell still sums its rows in row order from 0, with
// the same products (curvature x z_a, times z_b), so the Hessian is the JavaScript's to the bit.
//
// z: n rows of `stride` doubles, row-major: 1 (the intercept) then the standardised features, padded
// with zeros to an even stride. curv: n doubles. out: p rows of `stride` doubles; only cells b <= a
// are meant (the pair at the diagonal of an even row also writes cell a + 1, which the caller ignores).
export const LOGISTIC_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))

  ;; Cells (a, b), b <= a, += weighted_r * z[r][b] for the k rows r from row (1 to 4 rows, in order),
  ;; weighted_r = curv[r] * z[r][a]: one load and store of each cell pair per k rows.
  (func $rows (param $row i32) (param $k i32) (param $curv i32) (param $p i32) (param $sb i32) (param $out i32)
    (local $a i32) (local $h i32) (local $last i32) (local $src i32)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $acc v128) (local $za i32)
    (block $aDone
      (loop $aNext
        (br_if $aDone (i32.ge_u (local.get $a) (local.get $p)))
        (local.set $za (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $w0 (f64x2.splat (f64.mul (f64.load (local.get $curv)) (f64.load (local.get $za)))))
        (if (i32.gt_u (local.get $k) (i32.const 1)) (then
          (local.set $w1 (f64x2.splat (f64.mul (f64.load offset=8 (local.get $curv))
            (f64.load (i32.add (local.get $za) (local.get $sb))))))))
        (if (i32.gt_u (local.get $k) (i32.const 2)) (then
          (local.set $w2 (f64x2.splat (f64.mul (f64.load offset=16 (local.get $curv))
            (f64.load (i32.add (local.get $za) (i32.shl (local.get $sb) (i32.const 1)))))))))
        (if (i32.gt_u (local.get $k) (i32.const 3)) (then
          (local.set $w3 (f64x2.splat (f64.mul (f64.load offset=24 (local.get $curv))
            (f64.load (i32.add (local.get $za) (i32.mul (local.get $sb) (i32.const 3)))))))))
        (local.set $h (i32.add (local.get $out) (i32.mul (local.get $a) (local.get $sb))))
        (local.set $last (i32.add (local.get $h) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $src (local.get $row))
        (block $bDone
          (loop $bNext
            (br_if $bDone (i32.gt_u (local.get $h) (local.get $last)))
            (local.set $acc (f64x2.add (v128.load (local.get $h)) (f64x2.mul (local.get $w0) (v128.load (local.get $src)))))
            (if (i32.gt_u (local.get $k) (i32.const 1)) (then
              (local.set $acc (f64x2.add (local.get $acc)
                (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $src) (local.get $sb))))))))
            (if (i32.gt_u (local.get $k) (i32.const 2)) (then
              (local.set $acc (f64x2.add (local.get $acc)
                (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $src) (i32.shl (local.get $sb) (i32.const 1)))))))))
            (if (i32.gt_u (local.get $k) (i32.const 3)) (then
              (local.set $acc (f64x2.add (local.get $acc)
                (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $src) (i32.mul (local.get $sb) (i32.const 3)))))))))
            (v128.store (local.get $h) (local.get $acc))
            (local.set $h (i32.add (local.get $h) (i32.const 16)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (br $bNext)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aNext))))

  (func (export "hessian") (param $z i32) (param $n i32) (param $p i32) (param $stride i32) (param $curv i32) (param $out i32)
    (local $i i32) (local $sb i32) (local $k i32)
    (local.set $sb (i32.shl (local.get $stride) (i32.const 3)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $p) (local.get $sb)))
    (block $iDone
      (loop $iNext
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $k (i32.sub (local.get $n) (local.get $i)))
        (if (i32.gt_u (local.get $k) (i32.const 4)) (then (local.set $k (i32.const 4))))
        (call $rows
          (i32.add (local.get $z) (i32.mul (local.get $i) (local.get $sb)))
          (local.get $k)
          (i32.add (local.get $curv) (i32.shl (local.get $i) (i32.const 3)))
          (local.get $p) (local.get $sb) (local.get $out))
        (local.set $i (i32.add (local.get $i) (local.get $k)))
        (br $iNext))))
)
`;
