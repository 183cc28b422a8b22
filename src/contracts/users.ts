import type { TableContract } from './types.js';
import { COUNTRIES, COUNTRY_WEIGHTS, REGIONS_BY_COUNTRY, USER_DEVICES } from './domains.js';

export const users: TableContract = {
  name: 'users',
  file: 'users.csv',
  description: 'One row per subscriber account: demographics, plan, spend and whether still active.',
  primaryKey: 'user_id',
  uniqueRowsAtScale1: 10_000,
  duplicateRate: 0.03,
  columns: [
    { name: 'user_id', type: 'string', description: 'Account key.', nullable: false, expectedBlankRate: 0, keyFormat: { prefix: 'user_', minDigits: 5 } },
    { name: 'email', type: 'string', description: 'Email address; about 2% collide across different people, so it is not a key.', nullable: false, expectedBlankRate: 0, pii: true },
    { name: 'first_name', type: 'string', description: 'Given name.', nullable: false, expectedBlankRate: 0, pii: true },
    { name: 'last_name', type: 'string', description: 'Family name.', nullable: false, expectedBlankRate: 0, pii: true },
    { name: 'age', type: 'integer', text: 'float-text', description: 'Age in years; a few are negative, below 5 or above 100.', nullable: true, expectedBlankRate: 0.12, range: { min: -1000, max: 1000 }, plausibleRange: { min: 5, max: 110 } },
    { name: 'gender', type: 'string', description: 'Self-reported gender.', nullable: true, expectedBlankRate: 0.08, allowedValues: ['Female', 'Male', 'Prefer not to say', 'Other'], weights: [0.4565, 0.4457, 0.05, 0.0478] },
    { name: 'country', type: 'string', description: 'Country of the account.', nullable: false, expectedBlankRate: 0, allowedValues: COUNTRIES, weights: COUNTRY_WEIGHTS },
    { name: 'state_province', type: 'string', description: 'US state or Canadian province, consistent with country.', nullable: false, expectedBlankRate: 0, allowedValues: [...REGIONS_BY_COUNTRY.USA, ...REGIONS_BY_COUNTRY.Canada] },
    { name: 'city', type: 'string', description: 'City name (invented, unrelated to the state).', nullable: false, expectedBlankRate: 0 },
    { name: 'subscription_plan', type: 'string', description: 'Current plan.', nullable: false, expectedBlankRate: 0, allowedValues: ['Standard', 'Premium', 'Basic', 'Premium+'], weights: [0.35, 0.35, 0.2, 0.1] },
    { name: 'subscription_start_date', type: 'date', description: 'When the current subscription started.', nullable: false, expectedBlankRate: 0, range: { min: '2022-08-01', max: '2025-08-31' } },
    { name: 'is_active', type: 'boolean', description: 'Whether the subscription is still active (False = churned).', nullable: false, expectedBlankRate: 0, allowedValues: ['True', 'False'], weights: [0.85, 0.15] },
    { name: 'monthly_spend', type: 'float', description: 'Monthly spend in USD; about 1% lie in a 200..1000 outlier band.', nullable: true, expectedBlankRate: 0.1, range: { min: 0, max: 100_000 }, plausibleRange: { min: 0, max: 200 } },
    { name: 'primary_device', type: 'string', description: 'Device the account mostly watches on.', nullable: false, expectedBlankRate: 0, allowedValues: USER_DEVICES },
    { name: 'household_size', type: 'integer', text: 'float-text', description: 'People in the household.', nullable: true, expectedBlankRate: 0.15, range: { min: 0, max: 100 }, plausibleRange: { min: 1, max: 10 } },
    { name: 'created_at', type: 'timestamp', text: 'timestamp-micros', description: 'Account creation time (independent of subscription_start_date).', nullable: false, expectedBlankRate: 0, range: { min: '2022-08-01', max: '2025-08-31 23:59:59.999999' } },
  ],
};
