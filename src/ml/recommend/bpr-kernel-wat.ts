// BPR's whole fit (bpr.ts: fitBpr) in WebAssembly text, assembled at run time (bpr-kernel.ts): the
// seeded generator (mulberry32, the same integer steps as core/rng.ts), the normal start of the
// factors, and the SGD epochs. Every operation is the JavaScript's in the same order; Math.exp, log
// and cos are imported from JavaScript itself, and the per-factor updates take two factors per
// f64x2 (independent lanes), so the factors come out bit-identical.
//
// Memory: users (nUsers x f f64), items (nItems x f f64), bias (nItems f64), indptr (nUsers + 1
// i32), indices (nnz i32, each row sorted), userOfEntry (nnz i32). f is even.
import { FACTOR_START_WAT, RNG_WAT } from '../core/rng-wat.js';
import { CSR_HAS_WAT } from './sparse-wat.js';

export const BPR_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  (import "env" "cos" (func $cos (param f64) (result f64)))
  ${RNG_WAT}
  ${CSR_HAS_WAT}
  ${FACTOR_START_WAT}

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
