// hasEntry (sparse.ts) as WebAssembly text, for kernels that sample negatives: whether row u of a CSR
// matrix (indptr i32, indices i32, each row sorted) holds column c, by the same binary search.
export const CSR_HAS_WAT = String.raw`
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
`;
