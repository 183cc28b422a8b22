// users.csv: one row per account. Names and cities come from a seeded Faker; everything else from
// our own streams. About 1% of accounts are namesakes of an earlier account and reuse its email
// (so ~2% of users share an email with a different person, as published).
import { Faker, en } from '@faker-js/faker';
import { columnOf, contractFor, COUNTRIES, REGIONS_BY_COUNTRY, USER_DEVICES } from '../contracts/index.js';
import { openTable, keyTexts, type GenContext } from './context.js';
import { asciiOnly, boolText, csvField, dayNumber, decimalText, floatText, timestampMicrosText } from './format.js';
import { Rng } from './rng.js';
import { QuotaFlag, QuotaSampler, clamp, cumulativeOf, pickCumulative } from './sampling.js';
import { SEGMENTS } from './segments.js';
import type { UserModel } from './user-model.js';

const contract = contractFor('users');

const col = (name: string) => columnOf('users', name);
const GENDERS = col('gender').allowedValues!;
const PLANS = col('subscription_plan').allowedValues!;
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'protonmail.com', 'comcast.net'];

/** Anomaly rates among non-blank ages (published: a few dozen < 5 down to -7, ~a dozen > 100). */
export const AGE_ANOMALIES = {
  lowRate: 0.004,
  lowMin: -7,
  lowMax: 4,
  negativeZeroShare: 0.1,
  highRate: 0.0013,
  highMin: 101,
  highMax: 110,
};
export const SPEND_OUTLIER = { rate: 0.01, min: 200, max: 1000 };
export const EMAIL_NAMESAKE_RATE = 0.01;

export async function writeUsers(ctx: GenContext, model: UserModel): Promise<void> {
  const rng = new Rng(ctx.seed, 'users');
  const faker = new Faker({ locale: [en] });
  faker.seed(new Rng(ctx.seed, 'users:faker').nextU32());
  const { writer, unique } = openTable(ctx, contract);
  const ids = keyTexts(ctx, contract, unique);

  // Namesakes: user i copies the names and email of an earlier user chosen now; those earlier
  // users' identities are kept only until used.
  const namesakeOf = new Map<number, number>();
  for (let i = 1; i < unique; i++) if (rng.bool(EMAIL_NAMESAKE_RATE)) namesakeOf.set(i, rng.int(i));
  const neededIdentities = new Set(namesakeOf.values());
  const identities = new Map<number, [string, string, string]>();

  const blankAge = new QuotaFlag(unique, col('age').expectedBlankRate);
  const genderRate = col('gender').expectedBlankRate;
  const gender = new QuotaSampler(unique, [...col('gender').weights!.map((w) => w * (1 - genderRate)), genderRate]);
  const blankSpend = new QuotaFlag(unique, col('monthly_spend').expectedBlankRate);
  const blankHousehold = new QuotaFlag(unique, col('household_size').expectedBlankRate);
  const devicesBySegment = SEGMENTS.map((s) => cumulativeOf(s.userDevices));
  const created = [dayNumber(String(col('created_at').range!.min)), dayNumber(String(col('created_at').range!.max))];

  for (let i = 0; i < unique; i++) {
    let first: string;
    let last: string;
    let email: string;
    const namesake = namesakeOf.get(i);
    if (namesake !== undefined) {
      [first, last, email] = identities.get(namesake)!;
    } else {
      first = asciiOnly(faker.person.firstName());
      last = asciiOnly(faker.person.lastName());
      email = makeEmail(rng, first, last);
    }
    if (neededIdentities.has(i)) identities.set(i, [first, last, email]);
    const city = asciiOnly(faker.location.city());
    const seg = SEGMENTS[model.segment[i]];

    let age = '';
    if (!blankAge.next(rng)) {
      const u = rng.float();
      let a: number;
      if (u < AGE_ANOMALIES.lowRate) {
        // a float age column rounded from tiny negatives shows up as -0.0 in the published file
        a = rng.bool(AGE_ANOMALIES.negativeZeroShare) ? -0 : rng.between(AGE_ANOMALIES.lowMin, AGE_ANOMALIES.lowMax);
      } else if (u < AGE_ANOMALIES.lowRate + AGE_ANOMALIES.highRate) a = rng.between(AGE_ANOMALIES.highMin, AGE_ANOMALIES.highMax);
      else a = Math.round(clamp(rng.normal(model.realistic ? seg.ageMean : 37, model.realistic ? 11 : 14), 13, 90));
      age = floatText(a);
    }
    const g = gender.next(rng);
    const country = COUNTRIES[model.country[i]];
    const state = rng.pick(REGIONS_BY_COUNTRY[country]);
    const plan = PLANS[model.plan[i]];
    let spend = '';
    if (!blankSpend.next(rng)) {
      const value = rng.bool(SPEND_OUTLIER.rate) ? rng.uniform(SPEND_OUTLIER.min, SPEND_OUTLIER.max) : model.spend[i];
      spend = decimalText(value, 2);
    }
    const device = model.realistic ? USER_DEVICES[pickCumulative(rng, devicesBySegment[model.segment[i]])] : rng.pick(USER_DEVICES);
    let household = '';
    if (!blankHousehold.next(rng)) {
      household = floatText(model.realistic ? Math.round(clamp(rng.normal(seg.householdMean, 1.1), 1, 8)) : rng.between(1, 7));
    }
    const createdAt = timestampMicrosText(ctx.days.text(rng.between(created[0], created[1])), rng.int(86_400), rng.int(1_000_000));

    const line = [
      ids[i],
      csvField(email),
      csvField(first),
      csvField(last),
      age,
      g < GENDERS.length ? GENDERS[g] : '',
      country,
      state,
      csvField(city),
      plan,
      ctx.days.text(model.subscriptionStart[i]),
      boolText(model.active[i] === 1),
      spend,
      device,
      household,
      createdAt,
    ].join(',');
    if (writer.row(line)) await writer.flush();
    if ((i & 4095) === 4095) ctx.progress(contract.name, i + 1);
  }
  await writer.finish();
  ctx.progress(contract.name, writer.rowsWritten);
}

function makeEmail(rng: Rng, first: string, last: string): string {
  const f = first.toLowerCase().replace(/[^a-z0-9]/g, '');
  const l = last.toLowerCase().replace(/[^a-z0-9]/g, '');
  const domain = rng.pick(EMAIL_DOMAINS);
  switch (rng.int(4)) {
    case 0:
      return `${f}.${l}${rng.between(1, 999)}@${domain}`;
    case 1:
      return `${f}${l}${rng.between(10, 9999)}@${domain}`;
    case 2:
      return `${f[0] ?? 'x'}${l}${rng.between(1, 99999)}@${domain}`;
    default:
      return `${l}.${f}${rng.between(1, 9999)}@${domain}`;
  }
}
