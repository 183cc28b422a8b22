// Does a rate differ between groups? A chi-square test of homogeneity on the 2 x k table of
// successes and failures per group (Pearson's statistic, k - 1 degrees of freedom, no continuity
// correction), and one sentence that says what it found. Every "rate by X" view states this beside
// the rates, so a spread that chance alone explains is not read as a difference.
import jstat from 'jstat';

const { jStat } = jstat;

export interface GroupCount {
  group: string;
  /** Events counted by the rate (clicks, churned accounts). */
  successes: number;
  /** Trials (impressions, accounts); groups with none are left out. */
  trials: number;
}

export type HomogeneityVerdict = 'differs' | 'no_evidence' | 'not_testable';

export interface HomogeneityTest {
  verdict: HomogeneityVerdict;
  /** Groups with at least one trial. */
  groups: number;
  statistic: number | null;
  df: number | null;
  pValue: number | null;
  pooledRate: number | null;
  /** Smallest expected cell count: under 5 the chi-square p-value is only approximate. */
  minExpected: number | null;
  /** Significance level the verdict uses. */
  alpha: number;
  /** Why the test could not run, when verdict is not_testable. */
  reason?: string;
}

/** Default significance level: 5 %. */
export const HOMOGENEITY_ALPHA = 0.05;

export function chiSquareHomogeneity(counts: readonly GroupCount[], alpha = HOMOGENEITY_ALPHA): HomogeneityTest {
  for (const c of counts) {
    if (!(c.trials >= 0) || !(c.successes >= 0) || c.successes > c.trials) {
      throw new Error(`group '${c.group}': successes ${c.successes} must be between 0 and trials ${c.trials}`);
    }
  }
  const used = counts.filter((c) => c.trials > 0);
  const base = { groups: used.length, statistic: null, df: null, pValue: null, pooledRate: null, minExpected: null, alpha };
  if (used.length < 2) return { ...base, verdict: 'not_testable', reason: 'fewer than two groups with data' };
  const trials = used.reduce((s, c) => s + c.trials, 0);
  const successes = used.reduce((s, c) => s + c.successes, 0);
  const pooled = successes / trials;
  if (successes === 0 || successes === trials) {
    return { ...base, pooledRate: pooled, verdict: 'not_testable', reason: `every group's rate is ${successes === 0 ? '0' : '1'}` };
  }
  let statistic = 0;
  let minExpected = Infinity;
  for (const c of used) {
    const expectedYes = c.trials * pooled;
    const expectedNo = c.trials * (1 - pooled);
    minExpected = Math.min(minExpected, expectedYes, expectedNo);
    statistic += (c.successes - expectedYes) ** 2 / expectedYes + (c.trials - c.successes - expectedNo) ** 2 / expectedNo;
  }
  const df = used.length - 1;
  const pValue = Math.min(1, Math.max(0, 1 - jStat.chisquare.cdf(statistic, df)));
  return { ...base, statistic, df, pValue, pooledRate: pooled, minExpected, verdict: pValue < alpha ? 'differs' : 'no_evidence' };
}

/** A p-value for reading: "p < 0.001" below a thousandth, "p > 0.99" near 1, else two significant digits. */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p > 0.99) return 'p > 0.99';
  return `p = ${Number(p.toPrecision(2))}`;
}

/**
 * One sentence: whether `rateLabel` differs by `dimensionLabel` and how sure that is, e.g.
 * "Click-through rate differs by position (chi-square 812.4, 9 df, p < 0.001): a spread this large
 * would almost never arise by chance."
 */
export function homogeneitySentence(rateLabel: string, dimensionLabel: string, test: HomogeneityTest): string {
  if (test.verdict === 'not_testable' || test.statistic === null || test.df === null || test.pValue === null) {
    return `Whether ${lower(rateLabel)} differs by ${dimensionLabel} cannot be tested here (${test.reason ?? 'no data'}).`;
  }
  const stats = `chi-square ${test.statistic.toFixed(1)}, ${test.df} df, ${formatPValue(test.pValue)}, ${test.groups} groups`;
  const approx =
    test.minExpected !== null && test.minExpected < 5
      ? ' Some groups are small (expected count under 5), so the p-value is approximate.'
      : '';
  if (test.verdict === 'differs') {
    const odds =
      test.pValue < 0.001 ? 'would almost never arise by chance' : `would arise by chance alone in ${pct(test.pValue)} of samples or fewer`;
    return `${capital(rateLabel)} differs by ${dimensionLabel} (${stats}): a spread this large ${odds}.${approx}`;
  }
  return `No evidence that ${lower(rateLabel)} differs by ${dimensionLabel} (${stats}): chance alone gives a spread at least this large in ${pct(test.pValue)} of samples, so the groups' differences may be noise.${approx}`;
}

/** Test and sentence together, from rows with a group label, successes and trials. */
export function rateDifferenceSentence(rateLabel: string, dimensionLabel: string, counts: readonly GroupCount[]): string {
  return homogeneitySentence(rateLabel, dimensionLabel, chiSquareHomogeneity(counts));
}

const pct = (p: number) => (p > 0.99 ? 'over 99%' : `${p < 0.01 ? (p * 100).toFixed(1) : Math.round(p * 100)}%`);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
