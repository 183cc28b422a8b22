// Latent per-user state (typed arrays, so a million users cost tens of MB): segment, taste,
// activity, completion propensity, disengagement, plan and spend, and the planted churn process.
// With signal 'none' the same arrays exist but carry no structure (flat activity, p = 0.15).
import { columnOf, COUNTRY_WEIGHTS } from '../contracts/index.js';
import { EVENT_DAYS, EVENT_FIRST_DAY } from './calendar.js';
import { dayNumber } from './format.js';
import type { Rng } from './rng.js';
import { AliasTable, QuotaSampler, clamp, sigmoid } from './sampling.js';
import { SEGMENTS, SEGMENT_GENRE_TASTE } from './segments.js';

const PLANS = columnOf('users', 'subscription_plan').allowedValues!;
const PLAN_WEIGHTS = columnOf('users', 'subscription_plan').weights!;

/** List price per plan (USD/month); realistic spend scatters around it. Order follows PLANS. */
export const PLAN_PRICE: Readonly<Record<string, number>> = { Standard: 12.99, Premium: 15.99, Basic: 8.99, 'Premium+': 19.99 };
/** Churn log-odds shift per plan: cheaper plans churn more. */
export const PLAN_CHURN_SHIFT: Readonly<Record<string, number>> = { Standard: 0, Premium: -0.15, Basic: 0.35, 'Premium+': -0.3 };

/** Planted churn model: logit p = intercept + segment shift + terms below (see CONTEXT.md). */
export const CHURN_MODEL = {
  targetRate: 0.15,
  disengagement: 1.2,
  lowCompletion: 3.0,
  pricePerDollarOverList: 0.08,
  /** Per year of tenure (subscription_start_date to the as-of date): loyal subscribers churn less. */
  tenurePerYear: -0.6,
  /** Disengaged users also watch less overall: activity x exp(this x d). */
  activityPerDisengagement: -0.3,
  /** Share of churners whose churn date lies inside the label window after the as-of date. */
  shareInLabelWindow: 0.8,
  /** The others churned within this many days before the as-of date. */
  earlyChurnDays: 180,
  declineDays: { min: 90, max: 180 },
  churnerFloor: { min: 0.05, max: 0.35 },
  /** Non-churners also fade sometimes: p(fade) = sigmoid(a*d + b); keeps the ceiling AUC honest. */
  nonChurnerFade: { a: 1.2, b: -2.8, floorMin: 0.35, floorMax: 0.8, startBeforeAsOf: 150, startAfterAsOf: 60, days: 90 },
} as const;

export interface UserModel {
  n: number;
  realistic: boolean;
  segment: Uint8Array;
  fav1: Uint8Array;
  fav2: Uint8Array;
  activity: Float32Array;
  completion: Float32Array;
  disengagement: Float32Array;
  plan: Uint8Array;
  country: Uint8Array;
  spend: Float32Array;
  /** subscription_start_date as days since 1970-01-01 (drives tenure in the churn model). */
  subscriptionStart: Int32Array;
  churnProbability: Float32Array;
  active: Uint8Array;
  /** Day index (days since 2024-01-01) of churn, or -1. Events stop on it. */
  churnDay: Int32Array;
  /** Day index where engagement starts to fall, or -1; it falls linearly to `declineFloor` at `declineEnd`. */
  declineStart: Int32Array;
  declineEnd: Int32Array;
  declineFloor: Float32Array;
  churnIntercept: number;
  /** Draws the user of an event in proportion to their expected event count (realistic only). */
  userSampler: AliasTable | undefined;
}

export function buildUserModel(n: number, rng: Rng, realistic: boolean, asOfDay: number, labelWindowDays: number): UserModel {
  const m: UserModel = {
    n,
    realistic,
    segment: new Uint8Array(n),
    fav1: new Uint8Array(n),
    fav2: new Uint8Array(n),
    activity: new Float32Array(n),
    completion: new Float32Array(n),
    disengagement: new Float32Array(n),
    plan: new Uint8Array(n),
    country: new Uint8Array(n),
    spend: new Float32Array(n),
    subscriptionStart: new Int32Array(n),
    churnProbability: new Float32Array(n),
    active: new Uint8Array(n),
    churnDay: new Int32Array(n).fill(-1),
    declineStart: new Int32Array(n).fill(-1),
    declineEnd: new Int32Array(n).fill(-1),
    declineFloor: new Float32Array(n).fill(1),
    churnIntercept: 0,
    userSampler: undefined,
  };
  const segments = new QuotaSampler(
    n,
    SEGMENTS.map((s) => s.share),
  );
  const plans = new QuotaSampler(n, PLAN_WEIGHTS);
  const countries = new QuotaSampler(n, COUNTRY_WEIGHTS);
  const segCumTaste = SEGMENT_GENRE_TASTE.map((t) => {
    let acc = 0;
    return Float64Array.from(t, (x) => (acc += x));
  });
  const startRange = columnOf('users', 'subscription_start_date').range!;
  const firstStart = dayNumber(String(startRange.min));
  const lastStart = dayNumber(String(startRange.max));
  for (let i = 0; i < n; i++) {
    const s = segments.next(rng);
    m.subscriptionStart[i] = rng.between(firstStart, lastStart);
    m.segment[i] = s;
    m.plan[i] = plans.next(rng);
    m.country[i] = countries.next(rng);
    const price = PLAN_PRICE[PLANS[m.plan[i]]];
    if (realistic) {
      const seg = SEGMENTS[s];
      m.fav1[i] = pickFromCumulative(rng, segCumTaste[s]);
      m.fav2[i] = pickFromCumulative(rng, segCumTaste[s]);
      m.disengagement[i] = rng.normal();
      m.activity[i] = seg.activity * Math.exp(0.6 * rng.normal() - 0.18 + CHURN_MODEL.activityPerDisengagement * m.disengagement[i]);
      m.completion[i] = sigmoid(logit(seg.completion) + 0.8 * rng.normal());
      m.spend[i] = price * Math.exp(0.12 * rng.normal());
    } else {
      m.fav1[i] = rng.int(20);
      m.fav2[i] = rng.int(20);
      m.activity[i] = 1;
      m.completion[i] = 0.25;
      m.disengagement[i] = 0;
      m.spend[i] = rng.logNormal(13.5, 0.35);
    }
  }
  if (!realistic) {
    for (let i = 0; i < n; i++) {
      m.churnProbability[i] = CHURN_MODEL.targetRate;
      m.active[i] = rng.bool(1 - CHURN_MODEL.targetRate) ? 1 : 0;
    }
    return m;
  }
  // Churn probability: calibrate the intercept so the mean probability is the target rate.
  const linear = new Float64Array(n);
  for (let i = 0; i < n; i++) linear[i] = churnLinearPredictor(m, i, asOfDay);
  let lo = -10;
  let hi = 10;
  for (let iter = 0; iter < 40; iter++) {
    const mid = (lo + hi) / 2;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sigmoid(mid + linear[i]);
    if (sum / n > CHURN_MODEL.targetRate) hi = mid;
    else lo = mid;
  }
  m.churnIntercept = (lo + hi) / 2;
  const asOf = asOfDay - EVENT_FIRST_DAY;
  const fade = CHURN_MODEL.nonChurnerFade;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = sigmoid(m.churnIntercept + linear[i]);
    m.churnProbability[i] = p;
    const churned = rng.bool(p);
    m.active[i] = churned ? 0 : 1;
    if (churned) {
      const inWindow = rng.bool(CHURN_MODEL.shareInLabelWindow);
      const day = inWindow ? asOf + rng.int(labelWindowDays) : asOf - 1 - rng.int(CHURN_MODEL.earlyChurnDays);
      m.churnDay[i] = Math.min(day, EVENT_DAYS - 1);
      m.declineStart[i] = m.churnDay[i] - rng.between(CHURN_MODEL.declineDays.min, CHURN_MODEL.declineDays.max);
      m.declineEnd[i] = m.churnDay[i];
      m.declineFloor[i] = rng.uniform(CHURN_MODEL.churnerFloor.min, CHURN_MODEL.churnerFloor.max);
    } else if (rng.bool(sigmoid(fade.a * m.disengagement[i] + fade.b))) {
      m.declineStart[i] = asOf - fade.startBeforeAsOf + rng.int(fade.startBeforeAsOf + fade.startAfterAsOf);
      m.declineEnd[i] = m.declineStart[i] + fade.days;
      m.declineFloor[i] = rng.uniform(fade.floorMin, fade.floorMax);
    }
    weights[i] = m.activity[i] * meanEngagement(m, i);
  }
  m.userSampler = new AliasTable(weights);
  return m;
}

function churnLinearPredictor(m: UserModel, i: number, asOfDay: number): number {
  const plan = PLANS[m.plan[i]];
  const tenureYears = Math.max(0, asOfDay - m.subscriptionStart[i]) / 365.25;
  return (
    SEGMENTS[m.segment[i]].churnShift +
    CHURN_MODEL.disengagement * m.disengagement[i] +
    CHURN_MODEL.lowCompletion * (0.5 - m.completion[i]) +
    PLAN_CHURN_SHIFT[plan] +
    CHURN_MODEL.pricePerDollarOverList * (Math.min(m.spend[i], 60) - PLAN_PRICE[plan]) +
    CHURN_MODEL.tenurePerYear * tenureYears
  );
}

/** Engagement multiplier of user i on a day index: 1, fading linearly during a decline, 0 after churn. */
export function engagement(m: UserModel, i: number, dayIndex: number): number {
  const churn = m.churnDay[i];
  if (churn >= 0 && dayIndex >= churn) return 0;
  const start = m.declineStart[i];
  if (start < 0 || dayIndex < start) return 1;
  const end = m.declineEnd[i];
  const floor = m.declineFloor[i];
  if (dayIndex >= end) return floor;
  return 1 - ((1 - floor) * (dayIndex - start)) / (end - start);
}

/** Mean engagement over the event period (weekly steps are precise enough for sampling weights). */
function meanEngagement(m: UserModel, i: number): number {
  let sum = 0;
  let count = 0;
  for (let d = 3; d < EVENT_DAYS; d += 7, count++) sum += engagement(m, i, d);
  return Math.max(sum / count, 1e-6);
}

function pickFromCumulative(rng: Rng, cumulative: Float64Array): number {
  const target = rng.float() * cumulative[cumulative.length - 1];
  for (let i = 0; i < cumulative.length; i++) if (cumulative[i] > target) return i;
  return cumulative.length - 1;
}

function logit(p: number): number {
  const q = clamp(p, 1e-6, 1 - 1e-6);
  return Math.log(q / (1 - q));
}
