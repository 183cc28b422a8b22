// createRng (rng.ts) as WebAssembly text, for kernels that draw samples themselves (bpr-kernel-wat.ts,
// ncf-kernel-wat.ts): mulberry32's integer steps (i32 arithmetic wraps as Math.imul and >>> 0 do),
// next() / int(n) / normal() with the same operations. A module that splices this in imports
// $log and $cos (Math.log, Math.cos) and sets $state to createRng's starting state,
// (seed ^ 0x9e3779b9) >>> 0.
export const RNG_WAT = String.raw`
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
`;

/**
 * Exported "start": seeds the generator, then fills a (nA doubles) and b (nB doubles) with
 * normal() * 0.1 in that order: the random start of BPR's and NCF's factors (users, then titles).
 * Needs RNG_WAT in the same module.
 */
export const FACTOR_START_WAT = String.raw`
  (func (export "start") (param $seedState i32) (param $a i32) (param $nA i32) (param $b i32) (param $nB i32)
    (local $k i32)
    (global.set $state (local.get $seedState))
    (block $aDone
      (loop $aNext
        (br_if $aDone (i32.ge_u (local.get $k) (local.get $nA)))
        (f64.store (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 3))) (f64.mul (call $normal) (f64.const 0.1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $aNext)))
    (local.set $k (i32.const 0))
    (block $bDone
      (loop $bNext
        (br_if $bDone (i32.ge_u (local.get $k) (local.get $nB)))
        (f64.store (i32.add (local.get $b) (i32.shl (local.get $k) (i32.const 3))) (f64.mul (call $normal) (f64.const 0.1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bNext))))
`;
