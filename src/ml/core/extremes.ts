/**
 * The largest of `values`, and at least `floor` (0 unless given). A loop rather than
 * `Math.max(floor, ...values)`: spreading a few hundred thousand values into one call overflows the
 * stack ("Maximum call stack size exceeded"), which is how ml.segment and ml.sentiment failed at
 * scale 100. NaN values are skipped.
 */
export function largest(values: Iterable<number>, floor = 0): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}
