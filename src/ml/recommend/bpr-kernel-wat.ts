// BPR's whole fit (bpr.ts: fitBpr) in WebAssembly text, assembled at run time (bpr-kernel.ts): the
// seeded generator (mulberry32, the same integer steps as core/rng.ts), the normal start of the
// factors, and the SGD epochs. Every operation is the JavaScript's in the same order; Math.exp, log
// and cos are imported from JavaScript itself, and the per-factor updates take two factors per
// f64x2 (independent lanes), so the factors come out bit-identical.
//
// Memory: users (nUsers x f f64), items (nItems x f f64), bias (nItems f64), indptr (nUsers + 1
// i32), indices (nnz i32, each row sorted), userOfEntry (nnz i32). f is even.
export const BPR_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  (import "env" "cos" (func $cos (param f64) (result f64)))
  (global $state (mut i32) (i32.const 0))

  ;; createRng's next(): uniform in [0, 1).
  (func $next (result f64)
    (local $t i32)
    (global.set $state (i32.add (global.get $state) (i32.const 0x6d2b79f5)))
    (local.set $t (global.get $state))
    (local.set $t (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 15))) (i32.or (local.get $t) (i32.const 1))))
    (local.set $t (i32.xor (local.get $t)
      (i32.add (local.get $t)
        (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7))) (i32.or (local.get $t) (i32.const 61))))))
    (f64.div (f64.convert_i32_u (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14)))) (f64.const 4294967296)))

  ;; int(n) = floor(next() * n).
  (func $int (param $n i32) (result i32)
    (i32.trunc_f64_s (f64.floor (f64.mul (call $next) (f64.convert_i32_s (local.get $n))))))

  ;; normal() (Box-Muller): sqrt(-2 ln u) cos(2 pi v), u redrawn while <= 1e-12.
  (func $normal (result f64)
    (local $u f64)
    (local.set $u (call $next))
    (block $done
      (loop $redraw
        (br_if $done (f64.gt (local.get $u) (f64.const 1e-12)))
        (local.set $u (call $next))
        (br $redraw)))
    (f64.mul
      (f64.sqrt (f64.mul (f64.const -2) (call $log (local.get $u))))
      (call $cos (f64.mul (f64.const 6.283185307179586) (call $next)))))

  ;; Whether row u of the CSR matrix holds column c (binary search; hasEntry).
  (func $has (param $indptr i32) (param $indices i32) (param $u i32) (param $c i32) (result i32)
    (local $lo i32) (local $hi i32) (local $mid i32) (local $v i32)
    (local.set $lo (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
    (local.set $hi (i32.sub (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))) (i32.const 1)))
    (block $no
      (loop $step
        (br_if $no (i32.gt_s (local.get $lo) (local.get $hi)))
        (local.set $mid (i32.shr_s (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
        (local.set $v (i32.load (i32.add (local.get $indices) (i32.shl (local.get $mid) (i32.const 2)))))
        (if (i32.eq (local.get $v) (local.get $c)) (then (return (i32.const 1))))
        (if (i32.lt_s (local.get $v) (local.get $c))
          (then (local.set $lo (i32.add (local.get $mid) (i32.const 1))))
          (else (local.set $hi (i32.sub (local.get $mid) (i32.const 1)))))
        (br $step)))
    (i32.const 0))

  ;; Factors start at normal() * 0.1 (users, then items), as fitBpr.
  (func (export "start") (param $seedState i32) (param $users i32) (param $nUserValues i32) (param $items i32) (param $nItemValues i32)
    (local $k i32)
    (global.set $state (local.get $seedState))
    (block $uDone
      (loop $uNext
        (br_if $uDone (i32.ge_u (local.get $k) (local.get $nUserValues)))
        (f64.store (i32.add (local.get $users) (i32.shl (local.get $k) (i32.const 3))) (f64.mul (call $normal) (f64.const 0.1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $uNext)))
    (local.set $k (i32.const 0))
    (block $iDone
      (loop $iNext
        (br_if $iDone (i32.ge_u (local.get $k) (local.get $nItemValues)))
        (f64.store (i32.add (local.get $items) (i32.shl (local.get $k) (i32.const 3))) (f64.mul (call $normal) (f64.const 0.1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $iNext))))

  ;; samples SGD steps on ln sigmoid(x_ui - x_uj), continuing the generator where start left it.
  (func (export "train") (param $samples i32) (param $nnz i32) (param $nItems i32) (param $f i32)
      (param $lr f64) (param $reg f64)
      (param $users i32) (param $items i32) (param $bias i32) (param $indptr i32) (param $indices i32) (param $userOfEntry i32)
    (local $s i32) (local $entry i32) (local $u i32) (local $i i32) (local $j i32) (local $fb i32)
    (local $uo i32) (local $io i32) (local $jo i32) (local $d i32) (local $x f64) (local $z f64)
    (local $lrs v128) (local $zs v128) (local $nzs v128) (local $regs v128)
    (local $pu v128) (local $qi v128) (local $qj v128) (local $bi i32) (local $bj i32)
    (local.set $fb (i32.shl (local.get $f) (i32.const 3)))
    (local.set $lrs (f64x2.splat (local.get $lr)))
    (local.set $regs (f64x2.splat (local.get $reg)))
    (block $sDone
      (loop $sNext
        (br_if $sDone (i32.ge_u (local.get $s) (local.get $samples)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $entry (call $int (local.get $nnz)))
        (local.set $u (i32.load (i32.add (local.get $userOfEntry) (i32.shl (local.get $entry) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $indices) (i32.shl (local.get $entry) (i32.const 2)))))
        ;; The user watched everything: no negative exists.
        (br_if $sNext (i32.ge_s
          (i32.sub
            (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2))))
            (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
          (local.get $nItems)))
        (local.set $j (call $int (local.get $nItems)))
        (block $found
          (loop $again
            (br_if $found (i32.eqz (call $has (local.get $indptr) (local.get $indices) (local.get $u) (local.get $j))))
            (local.set $j (call $int (local.get $nItems)))
            (br $again)))
        (local.set $uo (i32.add (local.get $users) (i32.mul (local.get $u) (local.get $fb))))
        (local.set $io (i32.add (local.get $items) (i32.mul (local.get $i) (local.get $fb))))
        (local.set $jo (i32.add (local.get $items) (i32.mul (local.get $j) (local.get $fb))))
        (local.set $bi (i32.add (local.get $bias) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $bj (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 3))))
        ;; x = b_i - b_j + Σ_d p_u[d] (q_i[d] - q_j[d]), in d order.
        (local.set $x (f64.sub (f64.load (local.get $bi)) (f64.load (local.get $bj))))
        (local.set $d (i32.const 0))
        (block $xDone
          (loop $xNext
            (br_if $xDone (i32.ge_u (local.get $d) (local.get $fb)))
            (local.set $x (f64.add (local.get $x)
              (f64.mul (f64.load (i32.add (local.get $uo) (local.get $d)))
                (f64.sub (f64.load (i32.add (local.get $io) (local.get $d))) (f64.load (i32.add (local.get $jo) (local.get $d)))))))
            (local.set $d (i32.add (local.get $d) (i32.const 8)))
            (br $xNext)))
        (local.set $z (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (local.get $x)))))
        (local.set $zs (f64x2.splat (local.get $z)))
        (local.set $nzs (f64x2.splat (f64.neg (local.get $z))))
        ;; p_u += lr (z (q_i - q_j) - reg p_u); q_i += lr (z p_u - reg q_i); q_j += lr (-z p_u - reg q_j),
        ;; all from the values before this step.
        (local.set $d (i32.const 0))
        (block $uDone
          (loop $uNext
            (br_if $uDone (i32.ge_u (local.get $d) (local.get $fb)))
            (local.set $pu (v128.load (i32.add (local.get $uo) (local.get $d))))
            (local.set $qi (v128.load (i32.add (local.get $io) (local.get $d))))
            (local.set $qj (v128.load (i32.add (local.get $jo) (local.get $d))))
            (v128.store (i32.add (local.get $uo) (local.get $d))
              (f64x2.add (local.get $pu) (f64x2.mul (local.get $lrs)
                (f64x2.sub (f64x2.mul (local.get $zs) (f64x2.sub (local.get $qi) (local.get $qj))) (f64x2.mul (local.get $regs) (local.get $pu))))))
            (v128.store (i32.add (local.get $io) (local.get $d))
              (f64x2.add (local.get $qi) (f64x2.mul (local.get $lrs)
                (f64x2.sub (f64x2.mul (local.get $zs) (local.get $pu)) (f64x2.mul (local.get $regs) (local.get $qi))))))
            (v128.store (i32.add (local.get $jo) (local.get $d))
              (f64x2.add (local.get $qj) (f64x2.mul (local.get $lrs)
                (f64x2.sub (f64x2.mul (local.get $nzs) (local.get $pu)) (f64x2.mul (local.get $regs) (local.get $qj))))))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $uNext)))
        (f64.store (local.get $bi) (f64.add (f64.load (local.get $bi))
          (f64.mul (local.get $lr) (f64.sub (local.get $z) (f64.mul (local.get $reg) (f64.load (local.get $bi)))))))
        (f64.store (local.get $bj) (f64.add (f64.load (local.get $bj))
          (f64.mul (local.get $lr) (f64.sub (f64.neg (local.get $z)) (f64.mul (local.get $reg) (f64.load (local.get $bj)))))))
        (br $sNext))))
)
`;
