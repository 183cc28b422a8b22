/**
 * Segment profiles in marketer words. For each cluster and feature: z = (cluster mean - overall
 * mean) / overall std (population). Features with |z| >= 0.5 distinguish the cluster; the top
 * `maxTraits` by |z| become phrases by this rule:
 *
 *   intensity: |z| >= 1.5 "far", >= 0.8 "" (plain), >= 0.5 "somewhat"
 *   amount feature  (wording {kind:'amount', phrase:'watches'}):
 *       "watches far more than average" / "watches somewhat less than average"
 *   share feature   (wording {kind:'share', phrase:'on Smart TV'}, values in [0, 1]):
 *       z > 0 and cluster mean >= 0.5  -> "mostly on Smart TV"
 *       z > 0 otherwise                -> "more often on Smart TV than average" (with intensity)
 *       z < 0 and cluster mean < 0.1   -> "rarely on Smart TV"
 *       z < 0 otherwise                -> "less often on Smart TV than average" (with intensity)
 *   no wording given: "<name> far above average" / "<name> below average".
 * A cluster with no trait is "close to average on every feature".
 */
import { column, type FeatureMatrix } from '../core/matrix.js';

export type FeatureWording = { kind: 'amount'; phrase: string } | { kind: 'share'; phrase: string };

export interface FeatureContrast {
  feature: string;
  clusterMean: number;
  overallMean: number;
  z: number;
}

export interface SegmentProfile {
  cluster: number;
  size: number;
  share: number;
  /** All features, sorted by |z| descending. */
  contrasts: FeatureContrast[];
  traits: string[];
  description: string;
}

function intensity(absZ: number): string {
  return absZ >= 1.5 ? 'far ' : absZ >= 0.8 ? '' : 'somewhat ';
}

export function describeContrast(c: FeatureContrast, wording?: FeatureWording): string {
  const absZ = Math.abs(c.z);
  const up = c.z > 0;
  const how = intensity(absZ);
  if (!wording) return `${c.feature} ${how}${up ? 'above' : 'below'} average`;
  if (wording.kind === 'amount') return `${wording.phrase} ${how}${up ? 'more' : 'less'} than average`;
  if (up) return c.clusterMean >= 0.5 ? `mostly ${wording.phrase}` : `${how}more often ${wording.phrase} than average`;
  return c.clusterMean < 0.1 ? `rarely ${wording.phrase}` : `${how}less often ${wording.phrase} than average`;
}

export function profileSegments(
  x: FeatureMatrix,
  labels: ArrayLike<number>,
  wording: Record<string, FeatureWording> = {},
  options: { minAbsZ?: number; maxTraits?: number } = {},
): SegmentProfile[] {
  if (labels.length !== x.nRows) throw new Error(`profileSegments: ${labels.length} labels vs ${x.nRows} rows`);
  const minAbsZ = options.minAbsZ ?? 0.5;
  const maxTraits = options.maxTraits ?? 3;
  const clusters = [...new Set(Array.from(labels))].filter((c) => c >= 0).sort((a, b) => a - b);
  const stats = x.names.map((_, j) => {
    const col = column(x, j);
    let s = 0;
    for (let i = 0; i < col.length; i++) s += col[i];
    const mean = s / col.length;
    let ss = 0;
    for (let i = 0; i < col.length; i++) ss += (col[i] - mean) ** 2;
    return { mean, std: Math.sqrt(ss / col.length) };
  });
  return clusters.map((cluster) => {
    let size = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === cluster) size++;
    const contrasts = x.names
      .map((feature, j) => {
        const col = column(x, j);
        let s = 0;
        for (let i = 0; i < col.length; i++) if (labels[i] === cluster) s += col[i];
        const clusterMean = s / size;
        const z = stats[j].std > 1e-12 ? (clusterMean - stats[j].mean) / stats[j].std : 0;
        return { feature, clusterMean, overallMean: stats[j].mean, z };
      })
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    const traits = contrasts
      .filter((c) => Math.abs(c.z) >= minAbsZ)
      .slice(0, maxTraits)
      .map((c) => describeContrast(c, wording[c.feature]));
    return {
      cluster,
      size,
      share: size / x.nRows,
      contrasts,
      traits,
      description: traits.length ? traits.join(', ') : 'close to average on every feature',
    };
  });
}
