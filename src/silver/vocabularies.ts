// Canonical vocabularies of silver: one device list across every table and a quality tier beside
// the raw quality label. Each mapping is data; the SQL CASE expressions are generated from it.
import { CANONICAL_DEVICES } from '../contracts/index.js';
import { QUALITY_LABELS } from '../contracts/watch_history.js';
import { literal } from '../engine/sql.js';

/** Value given to a device label that is not in the canonical list (a warn check counts them). */
export const UNKNOWN_DEVICE = 'Unknown';

/** Raw quality label -> tier and its order (SD < HD < UHD). 4K and Ultra HD are one tier. */
export const QUALITY_TIERS: Readonly<Record<(typeof QUALITY_LABELS)[number], { tier: string; rank: number }>> = {
  SD: { tier: 'SD', rank: 1 },
  HD: { tier: 'HD', rank: 2 },
  '4K': { tier: 'UHD', rank: 3 },
  'Ultra HD': { tier: 'UHD', rank: 3 },
};

/** Match a device label case- and space-insensitively onto CANONICAL_DEVICES. */
export function canonicalDeviceSql(expr: string): string {
  const whens = CANONICAL_DEVICES.map((d) => `WHEN ${literal(d.toLowerCase())} THEN ${literal(d)}`).join(' ');
  return `(CASE lower(trim(${expr})) ${whens} ELSE ${literal(UNKNOWN_DEVICE)} END)`;
}

export function qualityTierSql(expr: string): string {
  const whens = Object.entries(QUALITY_TIERS)
    .map(([label, t]) => `WHEN ${literal(label)} THEN ${literal(t.tier)}`)
    .join(' ');
  return `(CASE ${expr} ${whens} END)`;
}

export function qualityRankSql(expr: string): string {
  const whens = Object.entries(QUALITY_TIERS)
    .map(([label, t]) => `WHEN ${literal(label)} THEN ${t.rank}`)
    .join(' ');
  return `(CASE ${expr} ${whens} END)`;
}
