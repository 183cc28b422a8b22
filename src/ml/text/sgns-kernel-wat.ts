// SubwordEmbedding's training (subword-embedding.ts: fit) in WebAssembly text, assembled at run time
// (sgns-kernel.ts): the seeded generator (core/rng-wat.ts), the random start of the input rows, and
// the skip-gram epochs. Every operation is the JavaScript's in the same order, so the vectors come
// out bit-identical:
// - the JavaScript keeps vectors in Float32Arrays and computes in doubles, storing each result back
//   as a float. A sum or quotient of two floats rounded once to float equals the double result
//   rounded to float (a double holds more than twice a float's digits), so those run as f32x4;
// - where a double takes part (the learning step g times a float, added to a float), the kernel
//   widens two floats to an f64x2, does the same double operations and narrows the result;
// - the dot product is a double summed in d order, one product after the other (each product of
//   two floats is exact in a double).
// Math.exp is imported from JavaScript itself, and Math.log and Math.cos for the generator.
//
// Memory (byte offsets passed in): input ((words + buckets) x dim f32), output (words x dim f32),
// table (negative-sampling table, i32), tokens (every sentence's word ids, i32), sentStart
// (sentences + 1 offsets into tokens), rows (every word's input rows, i32), rowStart (words + 1
// offsets into rows), hidden and grad (dim f32 each). dim is a multiple of 4.
import { RNG_WAT } from '../core/rng-wat.js';

export const SGNS_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))
  (import "env" "exp" (func $exp (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))
  (import "env" "cos" (func $cos (param f64) (result f64)))
  ${RNG_WAT}

  ;; Seeds the generator and fills the n input floats with (next() * 2 - 1) / dim.
  (func (export "start") (param $seedState i32) (param $input i32) (param $n i32) (param $dim f64)
    (local $k i32)
    (global.set $state (local.get $seedState))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (f32.store (i32.add (local.get $input) (i32.shl (local.get $k) (i32.const 2)))
          (f32.demote_f64 (f64.div (f64.sub (f64.mul (call $next) (f64.const 2)) (f64.const 1)) (local.get $dim))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; 0 above 8, 1 below -8, else 1 / (1 + exp(-x)): the JavaScript's sigmoid.
  (func $sigmoid (param $x f64) (result f64)
    (if (result f64) (f64.gt (local.get $x) (f64.const 8))
      (then (f64.const 1))
      (else (if (result f64) (f64.lt (local.get $x) (f64.const -8))
        (then (f64.const 0))
        (else (f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $x))))))))))

  ;; Two floats at p widened to an f64x2.
  (func $wide (param $p i32) (result v128)
    (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))))

  ;; For each input row listed in rows[r0 .. r1): vec += row (toRows 0) or row += vec (toRows 1), as
  ;; float sums four lanes at a time.
  (func $addRows (param $r0 i32) (param $r1 i32) (param $rows i32) (param $input i32) (param $dimBytes i32)
      (param $vec i32) (param $toRows i32)
    (local $r i32) (local $row i32) (local $to i32) (local $from i32) (local $d i32)
    (local.set $r (local.get $r0))
    (block $rDone
      (loop $rNext
        (br_if $rDone (i32.ge_u (local.get $r) (local.get $r1)))
        (local.set $row (i32.add (local.get $input)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))) (local.get $dimBytes))))
        (local.set $to (select (local.get $row) (local.get $vec) (local.get $toRows)))
        (local.set $from (select (local.get $vec) (local.get $row) (local.get $toRows)))
        (local.set $d (i32.const 0))
        (block $dDone
          (loop $dNext
            (br_if $dDone (i32.ge_u (local.get $d) (local.get $dimBytes)))
            (v128.store (i32.add (local.get $to) (local.get $d))
              (f32x4.add (v128.load (i32.add (local.get $to) (local.get $d))) (v128.load (i32.add (local.get $from) (local.get $d)))))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $dNext)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rNext))))

  ;; One skip-gram step: the rows [r0, r1) of the target word predict word context against
  ;; negatives words drawn from the table (a draw equal to context is skipped).
  (func $update (param $r0 i32) (param $r1 i32) (param $context i32) (param $lr f64)
      (param $negatives i32) (param $tableLen i32) (param $dimBytes i32)
      (param $input i32) (param $output i32) (param $table i32) (param $rows i32) (param $hidden i32) (param $grad i32)
    (local $o i32) (local $d i32) (local $k i32) (local $target i32)
    (local $dot f64) (local $g f64) (local $gs v128) (local $p v128) (local $ow v128) (local $hw v128) (local $nRows v128)
    ;; hidden = mean of the rows (float sums, then a float division by the row count).
    (memory.fill (local.get $hidden) (i32.const 0) (local.get $dimBytes))
    (call $addRows (local.get $r0) (local.get $r1) (local.get $rows) (local.get $input) (local.get $dimBytes) (local.get $hidden) (i32.const 0))
    (local.set $nRows (f32x4.splat (f32.convert_i32_u (i32.sub (local.get $r1) (local.get $r0)))))
    (local.set $d (i32.const 0))
    (block $divDone
      (loop $divNext
        (br_if $divDone (i32.ge_u (local.get $d) (local.get $dimBytes)))
        (v128.store (i32.add (local.get $hidden) (local.get $d))
          (f32x4.div (v128.load (i32.add (local.get $hidden) (local.get $d))) (local.get $nRows)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (br $divNext)))
    (memory.fill (local.get $grad) (i32.const 0) (local.get $dimBytes))
    (local.set $k (i32.const 0))
    (block $kDone
      (loop $kNext
        (br_if $kDone (i32.gt_s (local.get $k) (local.get $negatives)))
        (block $kSkip
          (if (i32.eqz (local.get $k))
            (then (local.set $target (local.get $context)))
            (else
              (local.set $target (i32.load (i32.add (local.get $table) (i32.shl (call $int (local.get $tableLen)) (i32.const 2)))))
              (br_if $kSkip (i32.eq (local.get $target) (local.get $context)))))
          (local.set $o (i32.add (local.get $output) (i32.mul (local.get $target) (local.get $dimBytes))))
          ;; dot = Σ_d hidden[d] output[o + d], in d order.
          (local.set $dot (f64.const 0))
          (local.set $d (i32.const 0))
          (block $dotDone
            (loop $dotNext
              (br_if $dotDone (i32.ge_u (local.get $d) (local.get $dimBytes)))
              (local.set $p (f64x2.mul (call $wide (i32.add (local.get $hidden) (local.get $d))) (call $wide (i32.add (local.get $o) (local.get $d)))))
              (local.set $dot (f64.add (f64.add (local.get $dot) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
              (local.set $d (i32.add (local.get $d) (i32.const 8)))
              (br $dotNext)))
          (local.set $g (f64.mul (local.get $lr)
            (f64.sub (select (f64.const 1) (f64.const 0) (i32.eqz (local.get $k))) (call $sigmoid (local.get $dot)))))
          (local.set $gs (f64x2.splat (local.get $g)))
          ;; grad += g output; output += g hidden (both from the output before this step).
          (local.set $d (i32.const 0))
          (block $gDone
            (loop $gNext
              (br_if $gDone (i32.ge_u (local.get $d) (local.get $dimBytes)))
              (local.set $ow (call $wide (i32.add (local.get $o) (local.get $d))))
              (local.set $hw (call $wide (i32.add (local.get $hidden) (local.get $d))))
              (v128.store64_lane 0 (i32.add (local.get $grad) (local.get $d))
                (f32x4.demote_f64x2_zero (f64x2.add (call $wide (i32.add (local.get $grad) (local.get $d))) (f64x2.mul (local.get $gs) (local.get $ow)))))
              (v128.store64_lane 0 (i32.add (local.get $o) (local.get $d))
                (f32x4.demote_f64x2_zero (f64x2.add (local.get $ow) (f64x2.mul (local.get $gs) (local.get $hw)))))
              (local.set $d (i32.add (local.get $d) (i32.const 8)))
              (br $gNext))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kNext)))
    ;; Every row of the target word += grad (float sums).
    (call $addRows (local.get $r0) (local.get $r1) (local.get $rows) (local.get $input) (local.get $dimBytes) (local.get $grad) (i32.const 1)))

  ;; The epochs: for each token of each sentence, lr falls linearly with the tokens seen (floor 1e-4
  ;; of the start), a window width is drawn, and each other word inside it is a positive context.
  (func (export "train") (param $epochs i32) (param $nSent i32) (param $window i32) (param $negatives i32)
      (param $tableLen i32) (param $learningRate f64) (param $allTokens f64) (param $dim i32)
      (param $input i32) (param $output i32) (param $table i32) (param $tokens i32) (param $sentStart i32)
      (param $rows i32) (param $rowStart i32) (param $hidden i32) (param $grad i32)
    (local $epoch i32) (local $s i32) (local $s0 i32) (local $len i32) (local $i i32) (local $j i32) (local $jEnd i32)
    (local $reach i32) (local $word i32) (local $r0 i32) (local $r1 i32) (local $seen f64) (local $lr f64) (local $dimBytes i32)
    (local.set $dimBytes (i32.shl (local.get $dim) (i32.const 2)))
    (block $eDone
      (loop $eNext
        (br_if $eDone (i32.ge_u (local.get $epoch) (local.get $epochs)))
        (local.set $s (i32.const 0))
        (block $sDone
          (loop $sNext
            (br_if $sDone (i32.ge_u (local.get $s) (local.get $nSent)))
            (local.set $s0 (i32.load (i32.add (local.get $sentStart) (i32.shl (local.get $s) (i32.const 2)))))
            (local.set $len (i32.sub (i32.load offset=4 (i32.add (local.get $sentStart) (i32.shl (local.get $s) (i32.const 2)))) (local.get $s0)))
            (local.set $i (i32.const 0))
            (block $iDone
              (loop $iNext
                (br_if $iDone (i32.ge_s (local.get $i) (local.get $len)))
                (local.set $lr (f64.mul (local.get $learningRate)
                  (f64.max (f64.sub (f64.const 1) (f64.div (local.get $seen) (local.get $allTokens))) (f64.const 1e-4))))
                (local.set $seen (f64.add (local.get $seen) (f64.const 1)))
                (local.set $word (i32.load (i32.add (local.get $tokens) (i32.shl (i32.add (local.get $s0) (local.get $i)) (i32.const 2)))))
                (local.set $r0 (i32.load (i32.add (local.get $rowStart) (i32.shl (local.get $word) (i32.const 2)))))
                (local.set $r1 (i32.load offset=4 (i32.add (local.get $rowStart) (i32.shl (local.get $word) (i32.const 2)))))
                (local.set $reach (i32.add (i32.const 1) (call $int (local.get $window))))
                (local.set $j (select (i32.sub (local.get $i) (local.get $reach)) (i32.const 0)
                  (i32.gt_s (i32.sub (local.get $i) (local.get $reach)) (i32.const 0))))
                (local.set $jEnd (select (i32.add (local.get $i) (local.get $reach)) (i32.sub (local.get $len) (i32.const 1))
                  (i32.lt_s (i32.add (local.get $i) (local.get $reach)) (i32.sub (local.get $len) (i32.const 1)))))
                (block $jDone
                  (loop $jNext
                    (br_if $jDone (i32.gt_s (local.get $j) (local.get $jEnd)))
                    (if (i32.ne (local.get $j) (local.get $i))
                      (then (call $update (local.get $r0) (local.get $r1)
                        (i32.load (i32.add (local.get $tokens) (i32.shl (i32.add (local.get $s0) (local.get $j)) (i32.const 2))))
                        (local.get $lr) (local.get $negatives) (local.get $tableLen) (local.get $dimBytes)
                        (local.get $input) (local.get $output) (local.get $table) (local.get $rows) (local.get $hidden) (local.get $grad))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $jNext)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $iNext)))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (br $sNext)))
        (local.set $epoch (i32.add (local.get $epoch) (i32.const 1)))
        (br $eNext))))
)
`;
