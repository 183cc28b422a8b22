// The trees' histogram fill (tree.ts: fillHist) in WebAssembly text,
// assembled at run time (hist-kernel.ts). Rows are taken in the node's order and each row's gradient
// and hessian are added to its bin of every feature in turn, as the JavaScript does: the gradient and
// hessian sums of a bin sit side by side and are added as one f64x2 (two independent lanes), the
// count by 1.0, so every bin's sums are the JavaScript's to the bit.
//
// Forests, which sample a few features per split, fill feature by feature ("fillFeatures"), rows in
// the node's order down each column, as the JavaScript does for them.
//
// bins: n rows x d features, one byte per bin (row-major); cols: the same bins feature by feature
// (column-major). gh: n pairs (gradient, hessian). idx: the node's rows (i32), count of them.
// features: nFeat feature numbers (i32). hist: d x 256 bins x 3 doubles (gradient, hessian, count);
// the caller has zeroed the bins it reads.
export const HIST_KERNEL_WAT = String.raw`
(module
  (import "env" "memory" (memory 1))

  (func (export "fill") (param $bins i32) (param $d i32) (param $gh i32) (param $idx i32) (param $count i32) (param $hist i32)
    (local $k i32) (local $r i32) (local $pair v128) (local $row i32) (local $f i32) (local $base i32) (local $b i32)
    (block $kDone
      (loop $kNext
        (br_if $kDone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $r (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $pair (v128.load (i32.add (local.get $gh) (i32.shl (local.get $r) (i32.const 4)))))
        (local.set $row (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $d))))
        (local.set $f (i32.const 0))
        (local.set $base (local.get $hist))
        (block $fDone
          (loop $fNext
            (br_if $fDone (i32.ge_u (local.get $f) (local.get $d)))
            (local.set $b (i32.add (local.get $base)
              (i32.mul (i32.load8_u (i32.add (local.get $row) (local.get $f))) (i32.const 24))))
            (v128.store (local.get $b) (f64x2.add (v128.load (local.get $b)) (local.get $pair)))
            (f64.store offset=16 (local.get $b) (f64.add (f64.load offset=16 (local.get $b)) (f64.const 1)))
            (local.set $base (i32.add (local.get $base) (i32.const 6144)))
            (local.set $f (i32.add (local.get $f) (i32.const 1)))
            (br $fNext)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $kNext))))

  (func (export "fillFeatures") (param $cols i32) (param $n i32) (param $gh i32) (param $idx i32) (param $count i32)
      (param $hist i32) (param $features i32) (param $nFeat i32)
    (local $a i32) (local $f i32) (local $col i32) (local $base i32) (local $k i32) (local $r i32) (local $b i32)
    (block $aDone
      (loop $aNext
        (br_if $aDone (i32.ge_u (local.get $a) (local.get $nFeat)))
        (local.set $f (i32.load (i32.add (local.get $features) (i32.shl (local.get $a) (i32.const 2)))))
        (local.set $col (i32.add (local.get $cols) (i32.mul (local.get $f) (local.get $n))))
        (local.set $base (i32.add (local.get $hist) (i32.mul (local.get $f) (i32.const 6144))))
        (local.set $k (i32.const 0))
        (block $kDone
          (loop $kNext
            (br_if $kDone (i32.ge_u (local.get $k) (local.get $count)))
            (local.set $r (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $b (i32.add (local.get $base)
              (i32.mul (i32.load8_u (i32.add (local.get $col) (local.get $r))) (i32.const 24))))
            (v128.store (local.get $b) (f64x2.add (v128.load (local.get $b))
              (v128.load (i32.add (local.get $gh) (i32.shl (local.get $r) (i32.const 4))))))
            (f64.store offset=16 (local.get $b) (f64.add (f64.load offset=16 (local.get $b)) (f64.const 1)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $kNext)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aNext))))
)
`;
