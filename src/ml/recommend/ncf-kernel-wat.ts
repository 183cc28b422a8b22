// NCF's whole fit (ncf.ts: fitNcf) in WebAssembly text, assembled at run time (ncf-kernel.ts): the
// seeded generator, the normal start, and the epochs of log-loss SGD with Adam. Every operation is the
// JavaScript's in the same order (Math.exp, pow, log and cos imported from JavaScript; f64.sqrt is
// Math.sqrt; Adam's constants passed in as JavaScript computed them), and the per-factor updates take
// two factors per f64x2 (independent lanes), so the factors come out bit-identical.
//
// Memory: p (nUsers x f), q (nItems x f), h (f), bias (nItems + 1, the last the global bias), Adam's
// m and v for each of p, q, h and bias, gp and gq (f), all f64; indptr (nUsers + 1), indices (nnz),
// userOfEntry (nnz), i32. f is even.
import { FACTOR_START_WAT, RNG_WAT } from '../core/rng-wat.js';
import { CSR_HAS_WAT } from './sparse-wat.js';

export const NCF_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "pow" (func $pow (param f64 f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  (import "env" "cos" (func $cos (param f64) (result f64)))
  ${RNG_WAT}
  ${CSR_HAS_WAT}

  ${FACTOR_START_WAT}

  ;; One Adam step on the double at $at (m at $m, v at $v) with gradient g (adamStep).
  (func $adam (param $at i32) (param $m i32) (param $v i32) (param $g f64)
      (param $lr f64) (param $b1 f64) (param $b2 f64) (param $b1c f64) (param $b2c f64) (param $c1 f64) (param $c2 f64)
    (local $mm f64) (local $vv f64)
    (local.set $mm (f64.add (f64.mul (local.get $b1) (f64.load (local.get $m))) (f64.mul (local.get $b1c) (local.get $g))))
    (local.set $vv (f64.add (f64.mul (local.get $b2) (f64.load (local.get $v)))
      (f64.mul (f64.mul (local.get $b2c) (local.get $g)) (local.get $g))))
    (f64.store (local.get $m) (local.get $mm))
    (f64.store (local.get $v) (local.get $vv))
    (f64.store (local.get $at) (f64.sub (f64.load (local.get $at))
      (f64.div (f64.mul (local.get $lr) (f64.div (local.get $mm) (local.get $c1)))
        (f64.add (f64.sqrt (f64.div (local.get $vv) (local.get $c2))) (f64.const 1e-8))))))

  ;; The same step on two adjacent doubles (lanes independent), gradient pair at $g.
  (func $adam2 (param $at i32) (param $m i32) (param $v i32) (param $g v128)
      (param $lr v128) (param $b1 v128) (param $b2 v128) (param $b1c v128) (param $b2c v128) (param $c1 v128) (param $c2 v128)
    (local $mm v128) (local $vv v128)
    (local.set $mm (f64x2.add (f64x2.mul (local.get $b1) (v128.load (local.get $m))) (f64x2.mul (local.get $b1c) (local.get $g))))
    (local.set $vv (f64x2.add (f64x2.mul (local.get $b2) (v128.load (local.get $v)))
      (f64x2.mul (f64x2.mul (local.get $b2c) (local.get $g)) (local.get $g))))
    (v128.store (local.get $m) (local.get $mm))
    (v128.store (local.get $v) (local.get $vv))
    (v128.store (local.get $at) (f64x2.sub (v128.load (local.get $at))
      (f64x2.div (f64x2.mul (local.get $lr) (f64x2.div (local.get $mm) (local.get $c1)))
        (f64x2.add (f64x2.sqrt (f64x2.div (local.get $vv) (local.get $c2))) (f64x2.splat (f64.const 1e-8)))))))

  ;; samples SGD samples (a positive and up to negatives sampled unwatched titles each); t counts
  ;; Adam's steps across calls (returned).
  (func (export "train") (param $samples i32) (param $t i32) (param $nnz i32) (param $nItems i32) (param $f i32) (param $negatives i32)
      (param $lr f64) (param $reg f64) (param $b1 f64) (param $b2 f64) (param $b1c f64) (param $b2c f64)
      (param $p i32) (param $q i32) (param $h i32) (param $bias i32)
      (param $mP i32) (param $vP i32) (param $mQ i32) (param $vQ i32) (param $mH i32) (param $vH i32) (param $mB i32) (param $vB i32)
      (param $gp i32) (param $gq i32) (param $indptr i32) (param $indices i32) (param $userOfEntry i32)
      (result i32)
    (local $s i32) (local $entry i32) (local $u i32) (local $full i32) (local $n i32) (local $i i32) (local $label f64)
    (local $c1 f64) (local $c2 f64) (local $uo i32) (local $io i32) (local $fb i32) (local $d i32) (local $logit f64) (local $g f64)
    (local $gs v128) (local $pd v128) (local $qd v128) (local $hd v128) (local $gh v128) (local $mm v128) (local $vv v128)
    (local $lrs v128) (local $regs v128) (local $b1s v128) (local $b2s v128) (local $b1cs v128) (local $b2cs v128) (local $c1s v128) (local $c2s v128)
    (local.set $fb (i32.shl (local.get $f) (i32.const 3)))
    (local.set $lrs (f64x2.splat (local.get $lr)))
    (local.set $regs (f64x2.splat (local.get $reg)))
    (local.set $b1s (f64x2.splat (local.get $b1)))
    (local.set $b2s (f64x2.splat (local.get $b2)))
    (local.set $b1cs (f64x2.splat (local.get $b1c)))
    (local.set $b2cs (f64x2.splat (local.get $b2c)))
    (block $sDone
      (loop $sNext
        (br_if $sDone (i32.ge_u (local.get $s) (local.get $samples)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (local.set $entry (call $int (local.get $nnz)))
        (local.set $u (i32.load (i32.add (local.get $userOfEntry) (i32.shl (local.get $entry) (i32.const 2)))))
        (local.set $full (i32.ge_s
          (i32.sub
            (i32.load offset=4 (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2))))
            (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
          (local.get $nItems)))
        (local.set $n (i32.const 0))
        (block $nDone
          (loop $nNext
            (br_if $nDone (i32.gt_s (local.get $n) (local.get $negatives)))
            (if (i32.eqz (local.get $n))
              (then
                (local.set $i (i32.load (i32.add (local.get $indices) (i32.shl (local.get $entry) (i32.const 2)))))
                (local.set $label (f64.const 1)))
              (else
                (br_if $nDone (local.get $full))
                (local.set $i (call $int (local.get $nItems)))
                (block $found
                  (loop $again
                    (br_if $found (i32.eqz (call $has (local.get $indptr) (local.get $indices) (local.get $u) (local.get $i))))
                    (local.set $i (call $int (local.get $nItems)))
                    (br $again)))
                (local.set $label (f64.const 0))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (local.set $c1 (f64.sub (f64.const 1) (call $pow (local.get $b1) (f64.convert_i32_u (local.get $t)))))
            (local.set $c2 (f64.sub (f64.const 1) (call $pow (local.get $b2) (f64.convert_i32_u (local.get $t)))))
            (local.set $c1s (f64x2.splat (local.get $c1)))
            (local.set $c2s (f64x2.splat (local.get $c2)))
            (local.set $uo (i32.add (local.get $p) (i32.mul (local.get $u) (local.get $fb))))
            (local.set $io (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $fb))))
            ;; logit = bias[i] + bias[nItems] + Σ_d h[d] p[u][d] q[i][d], in d order.
            (local.set $logit (f64.add
              (f64.load (i32.add (local.get $bias) (i32.shl (local.get $i) (i32.const 3))))
              (f64.load (i32.add (local.get $bias) (i32.shl (local.get $nItems) (i32.const 3))))))
            (local.set $d (i32.const 0))
            (block $lDone
              (loop $lNext
                (br_if $lDone (i32.ge_u (local.get $d) (local.get $fb)))
                (local.set $logit (f64.add (local.get $logit)
                  (f64.mul (f64.mul (f64.load (i32.add (local.get $h) (local.get $d))) (f64.load (i32.add (local.get $uo) (local.get $d))))
                    (f64.load (i32.add (local.get $io) (local.get $d))))))
                (local.set $d (i32.add (local.get $d) (i32.const 8)))
                (br $lNext)))
            (local.set $g (f64.sub (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $logit))))) (local.get $label)))
            (local.set $gs (f64x2.splat (local.get $g)))
            ;; gp, gq from h before its step; then Adam on h.
            (local.set $d (i32.const 0))
            (block $hDone
              (loop $hNext
                (br_if $hDone (i32.ge_u (local.get $d) (local.get $fb)))
                (local.set $pd (v128.load (i32.add (local.get $uo) (local.get $d))))
                (local.set $qd (v128.load (i32.add (local.get $io) (local.get $d))))
                (local.set $hd (v128.load (i32.add (local.get $h) (local.get $d))))
                (v128.store (i32.add (local.get $gp) (local.get $d))
                  (f64x2.add (f64x2.mul (f64x2.mul (local.get $gs) (local.get $hd)) (local.get $qd)) (f64x2.mul (local.get $regs) (local.get $pd))))
                (v128.store (i32.add (local.get $gq) (local.get $d))
                  (f64x2.add (f64x2.mul (f64x2.mul (local.get $gs) (local.get $hd)) (local.get $pd)) (f64x2.mul (local.get $regs) (local.get $qd))))
                (local.set $gh (f64x2.mul (f64x2.mul (local.get $gs) (local.get $pd)) (local.get $qd)))
                (call $adam2 (i32.add (local.get $h) (local.get $d)) (i32.add (local.get $mH) (local.get $d)) (i32.add (local.get $vH) (local.get $d))
                  (local.get $gh) (local.get $lrs) (local.get $b1s) (local.get $b2s) (local.get $b1cs) (local.get $b2cs) (local.get $c1s) (local.get $c2s))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $hNext)))
            ;; Adam on p[u] and q[i].
            (local.set $d (i32.const 0))
            (block $pqDone
              (loop $pqNext
                (br_if $pqDone (i32.ge_u (local.get $d) (local.get $fb)))
                (call $adam2
                  (i32.add (local.get $uo) (local.get $d))
                  (i32.add (i32.add (local.get $mP) (i32.mul (local.get $u) (local.get $fb))) (local.get $d))
                  (i32.add (i32.add (local.get $vP) (i32.mul (local.get $u) (local.get $fb))) (local.get $d))
                  (v128.load (i32.add (local.get $gp) (local.get $d)))
                  (local.get $lrs) (local.get $b1s) (local.get $b2s) (local.get $b1cs) (local.get $b2cs) (local.get $c1s) (local.get $c2s))
                (call $adam2
                  (i32.add (local.get $io) (local.get $d))
                  (i32.add (i32.add (local.get $mQ) (i32.mul (local.get $i) (local.get $fb))) (local.get $d))
                  (i32.add (i32.add (local.get $vQ) (i32.mul (local.get $i) (local.get $fb))) (local.get $d))
                  (v128.load (i32.add (local.get $gq) (local.get $d)))
                  (local.get $lrs) (local.get $b1s) (local.get $b2s) (local.get $b1cs) (local.get $b2cs) (local.get $c1s) (local.get $c2s))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $pqNext)))
            (call $adam
              (i32.add (local.get $bias) (i32.shl (local.get $i) (i32.const 3)))
              (i32.add (local.get $mB) (i32.shl (local.get $i) (i32.const 3)))
              (i32.add (local.get $vB) (i32.shl (local.get $i) (i32.const 3)))
              (local.get $g) (local.get $lr) (local.get $b1) (local.get $b2) (local.get $b1c) (local.get $b2c) (local.get $c1) (local.get $c2))
            (call $adam
              (i32.add (local.get $bias) (i32.shl (local.get $nItems) (i32.const 3)))
              (i32.add (local.get $mB) (i32.shl (local.get $nItems) (i32.const 3)))
              (i32.add (local.get $vB) (i32.shl (local.get $nItems) (i32.const 3)))
              (local.get $g) (local.get $lr) (local.get $b1) (local.get $b2) (local.get $b1c) (local.get $b2c) (local.get $c1) (local.get $c2))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $nNext)))
        (br $sNext)))
    (local.get $t))
)
`;
