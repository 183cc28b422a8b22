import type { TableContract } from './types.js';
import { blankable, countryColumn, flag, keyColumn, required } from './columns.js';
import { REGIONS_BY_COUNTRY, USER_DEVICES } from './domains.js';

export const users: TableContract = {
  name: 'users',
  file: 'users.csv',
  description: 'One row per subscriber account: demographics, plan, spend and whether still active.',
  primaryKey: 'user_id',
  uniqueRowsAtScale1: 10_000,
  duplicateRate: 0.03,
  columns: [
    keyColumn('user_id', 'Account key.', 'user_', 5),
    required('email', 'string', 'Email address; about 2% collide across different people, so it is not a key.', { pii: true }),
    required('first_name', 'string', 'Given name.', { pii: true }),
    required('last_name', 'string', 'Family name.', { pii: true }),
    blankable('age', 'integer', 'Age in years; a few are negative, below 5 or above 100.', 0.12, {
      text: 'float-text',
      range: { min: -1000, max: 1000 },
      plausibleRange: { min: 5, max: 110 },
    }),
    blankable('gender', 'string', 'Self-reported gender.', 0.08, {
      allowedValues: ['Female', 'Male', 'Prefer not to say', 'Other'],
      weights: [0.4565, 0.4457, 0.05, 0.0478],
    }),
    countryColumn('country', 'Country of the account.'),
    required('state_province', 'string', 'US state or Canadian province, consistent with country.', {
      allowedValues: [...REGIONS_BY_COUNTRY.USA, ...REGIONS_BY_COUNTRY.Canada],
    }),
    required('city', 'string', 'City name (invented, unrelated to the state).'),
    required('subscription_plan', 'string', 'Current plan.', {
      allowedValues: ['Standard', 'Premium', 'Basic', 'Premium+'],
      weights: [0.35, 0.35, 0.2, 0.1],
    }),
    required('subscription_start_date', 'date', 'When the current subscription started.', {
      range: { min: '2022-08-01', max: '2025-08-31' },
    }),
    flag('is_active', 'Whether the subscription is still active (False = churned).', [0.85, 0.15]),
    blankable('monthly_spend', 'float', 'Monthly spend in USD; about 1% lie in a 200..1000 outlier band.', 0.1, {
      range: { min: 0, max: 100_000 },
      plausibleRange: { min: 0, max: 200 },
    }),
    required('primary_device', 'string', 'Device the account mostly watches on.', { allowedValues: USER_DEVICES }),
    blankable('household_size', 'integer', 'People in the household.', 0.15, {
      text: 'float-text',
      range: { min: 0, max: 100 },
      plausibleRange: { min: 1, max: 10 },
    }),
    required('created_at', 'timestamp', 'Account creation time (independent of subscription_start_date).', {
      text: 'timestamp-micros',
      range: { min: '2022-08-01', max: '2025-08-31 23:59:59.999999' },
    }),
  ],
};
