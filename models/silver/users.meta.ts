import type { ModelMeta } from '../../src/pipeline/step.js';
import { LINEAGE_COLUMNS, imputationColumns, inferredColumn, silverChecks, sourceColumn } from '../../src/silver/describe.js';

export default {
  description:
    'Subscribers, one row per user_id (latest version kept; every version in silver.users_history), personal data pseudonymised, ages and spend checked, blanks filled.',
  columns: {
    user_id: sourceColumn('users', 'user_id'),
    email_pseudonym: 'Keyed hash of the lower-cased email (raw email stays in bronze only).',
    first_name_pseudonym: 'Keyed hash of the first name.',
    last_name_pseudonym: 'Keyed hash of the last name.',
    is_email_shared: 'True when another user_id has the same email (reported, never merged).',
    age_reported: 'Age as written in the source, as an integer (-0.0 becomes 0), invalid values included.',
    age: 'Age in years; invalid ages blanked then filled like other blanks.',
    age_was_invalid: "True where the reported age lay outside the contract's plausible range.",
    age_band: 'Band of the reported, plausible age (under 18, 18-24 ... 65+; Unknown when blank or implausible, before imputation).',
    gender: sourceColumn('users', 'gender', 'Blank becomes Unknown.'),
    country: sourceColumn('users', 'country'),
    state_province: sourceColumn('users', 'state_province'),
    city: sourceColumn('users', 'city'),
    subscription_plan: sourceColumn('users', 'subscription_plan'),
    subscription_start_date: sourceColumn('users', 'subscription_start_date'),
    signup_quarter: 'Signup cohort: calendar quarter of subscription_start_date, e.g. 2024-Q3.',
    is_active: sourceColumn('users', 'is_active'),
    monthly_spend: sourceColumn('users', 'monthly_spend'),
    is_spend_in_outlier_band:
      "True where spend is at or above the contract's plausible maximum (the seed's 200-1000 outlier band): the rule MRR uses to leave an account out.",
    is_spend_mad_flagged:
      'True where spend below the band is far from the median (|x - median| > k x 1.4826 x MAD): reported, kept in MRR.',
    is_spend_outlier: 'True where either spend rule flags the row (is_spend_in_outlier_band OR is_spend_mad_flagged).',
    primary_device: 'Primary device on the canonical device list (Unknown when unrecognised).',
    household_size: sourceColumn('users', 'household_size'),
    created_at: sourceColumn('users', 'created_at'),
    created_date: 'Day the account was created (signup date for event rules).',
    ...imputationColumns('users'),
    ...LINEAGE_COLUMNS,
    ...inferredColumn('users'),
  },
  checks: silverChecks('users'),
} satisfies ModelMeta;
