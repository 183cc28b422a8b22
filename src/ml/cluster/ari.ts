/**
 * Adjusted Rand index between two labelings (Hubert & Arabie): 1 = identical partitions up to
 * renaming, ~0 = chance agreement. Labels are any integers (noise -1 counts as its own group).
 */
function choose2(x: number): number {
  return (x * (x - 1)) / 2;
}

export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: ${a.length} vs ${b.length} labels`);
  const n = a.length;
  const table = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowSums.set(a[i], (rowSums.get(a[i]) ?? 0) + 1);
    colSums.set(b[i], (colSums.get(b[i]) ?? 0) + 1);
  }
  let sumCells = 0;
  for (const v of table.values()) sumCells += choose2(v);
  let sumRows = 0;
  for (const v of rowSums.values()) sumRows += choose2(v);
  let sumCols = 0;
  for (const v of colSums.values()) sumCols += choose2(v);
  const expected = (sumRows * sumCols) / choose2(n);
  const max = (sumRows + sumCols) / 2;
  // Both partitions trivial (all one group or all singletons): identical by convention.
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}

/** Mean pairwise ARI between labelings of the same points (e.g. runs with different seeds). */
export function meanPairwiseAri(labelings: readonly ArrayLike<number>[]): number {
  if (labelings.length < 2) throw new Error('meanPairwiseAri: need at least two labelings');
  let sum = 0;
  let count = 0;
  for (let i = 0; i < labelings.length; i++) {
    for (let j = i + 1; j < labelings.length; j++) {
      sum += adjustedRandIndex(labelings[i], labelings[j]);
      count++;
    }
  }
  return sum / count;
}

/** Runs a seeded clusterer with seeds 0..runs-1 (offset by baseSeed) and reports stability. */
export function stabilityAcrossSeeds(
  cluster: (seed: number) => ArrayLike<number>,
  runs = 5,
  baseSeed = 0,
): { meanAri: number; runs: number } {
  const labelings = Array.from({ length: runs }, (_, r) => cluster(baseSeed + r));
  return { meanAri: meanPairwiseAri(labelings), runs };
}
