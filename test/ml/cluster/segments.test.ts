import { describe, expect, it } from 'vitest';
import { RFM_SEGMENT_RULES, quintileScores, rfmScores, rfmSegment } from '../../../src/ml/cluster/rfm.js';
import { describeContrast, profileSegments } from '../../../src/ml/cluster/profile.js';
import { matrixFromRows } from '../../../src/ml/core/matrix.js';

describe('RFM', () => {
  it('quintile scores by rank; ties share a score', () => {
    expect(Array.from(quintileScores([10, 20, 30, 40, 50]))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(quintileScores([1, 1, 1, 1, 5]))).toEqual([3, 3, 3, 3, 5]);
    expect(Array.from(quintileScores([3, 1, 2, 5, 4, 6, 8, 7, 10, 9]))).toEqual([2, 1, 1, 3, 2, 3, 4, 4, 5, 5]);
    expect(() => quintileScores([1, NaN])).toThrow(/NaN/);
  });
  it('fewer recency days score higher', () => {
    const s = rfmScores([1, 100, 50, 10, 200], [5, 1, 2, 3, 1], [50, 5, 20, 30, 5]);
    expect(Array.from(s.r)).toEqual([5, 2, 3, 4, 1]);
    expect(s.segment[0]).toBe('Champions');
    expect(s.segment[4]).toBe('Hibernating');
  });
  it('the rule table covers all 25 R x FM cells with exactly one first match', () => {
    for (let r = 1; r <= 5; r++) for (let fm = 1; fm <= 5; fm++) expect(typeof rfmSegment(r, fm)).toBe('string');
    expect(rfmSegment(5, 5)).toBe('Champions');
    expect(rfmSegment(3, 4)).toBe('Loyal');
    expect(rfmSegment(4, 3)).toBe('Potential Loyalists');
    expect(rfmSegment(5, 1)).toBe('New');
    expect(rfmSegment(3, 2)).toBe('Need Attention');
    expect(rfmSegment(1, 5)).toBe("Can't Lose Them");
    expect(rfmSegment(2, 5)).toBe('At Risk');
    expect(rfmSegment(1, 1)).toBe('Hibernating');
    expect(new Set(RFM_SEGMENT_RULES.map((r) => r.segment)).size).toBe(RFM_SEGMENT_RULES.length);
    expect(() => rfmSegment(0, 3)).toThrow(/no rule/);
  });
});

describe('segment profiles', () => {
  const x = matrixFromRows(
    [
      [10, 0.9, 3],
      [10, 0.8, 3],
      [1, 0.1, 3],
      [1, 0, 3],
    ],
    ['watch_hours', 'share_tv', 'constant'],
  );
  const wording = {
    watch_hours: { kind: 'amount' as const, phrase: 'watches' },
    share_tv: { kind: 'share' as const, phrase: 'on Smart TV' },
  };
  it('turns z-scores into marketer words (hand-computed z = 1 and 0.99)', () => {
    const [heavy, light] = profileSegments(x, [0, 0, 1, 1], wording);
    expect(heavy.contrasts[0].z).toBeCloseTo(1, 12);
    expect(heavy.contrasts[1].z).toBeCloseTo(0.4 / Math.sqrt(0.1625), 12);
    expect(heavy.description).toBe('watches more than average, mostly on Smart TV');
    expect(light.description).toBe('watches less than average, rarely on Smart TV');
    expect(heavy.share).toBe(0.5);
    expect(heavy.contrasts[2].z).toBe(0);
  });
  it('intensity words and unnamed features', () => {
    const c = { feature: 'logins', clusterMean: 0, overallMean: 0, z: 1.7 };
    expect(describeContrast(c)).toBe('logins far above average');
    expect(describeContrast({ ...c, z: -0.6 }, { kind: 'amount', phrase: 'logs in' })).toBe('logs in somewhat less than average');
    expect(describeContrast({ ...c, z: 0.9, clusterMean: 0.3 }, { kind: 'share', phrase: 'on mobile' })).toBe(
      'more often on mobile than average',
    );
    const [only] = profileSegments(x, [0, 0, 0, 0]);
    expect(only.description).toBe('close to average on every feature');
  });
});
