import { describe, expect, it } from 'vitest';
import { CONTRACTS } from '../../src/contracts/index.js';
import { ANOMALY_RULES } from '../../src/silver/anomaly-rules.js';
import { IMPUTATIONS } from '../../src/silver/imputation-strategies.js';
import { compileSilver, SILVER_MODEL_ORDER } from './fixtures.js';

describe('portability and coverage', () => {
  it('compiles every model for Spark without DuckDB-only syntax', () => {
    const duckdbOnly = /\bmedian\(|quantile_cont|\bsha256\(|date_diff|isodow|strftime|\bQUALIFY\b|\bEXCLUDE\b|::|\bGROUP BY ALL\b/i;
    for (const name of SILVER_MODEL_ORDER) {
      const sparkSql = compileSilver(name, 'spark');
      expect(sparkSql, name).not.toMatch(duckdbOnly);
      expect(sparkSql, name).not.toMatch(/\{\{|\}\}/);
    }
    // The DuckDB text does use them, so the pattern above is able to fail.
    expect(compileSilver('users', 'duckdb')).toMatch(duckdbOnly);
  });

  it('has a missing-value strategy for every column with blanks, except a blank that carries meaning', () => {
    for (const contract of CONTRACTS) {
      for (const column of contract.columns.filter((c) => c.expectedBlankRate > 0)) {
        const has = IMPUTATIONS.some((i) => i.table === contract.name && i.column === column.name);
        expect(has || column.blankMeans !== undefined, `${contract.name}.${column.name}`).toBe(true);
      }
    }
  });

  it("names each rule's check uniquely within its dataset", () => {
    const keys = ANOMALY_RULES.map((r) => `${r.dataset}:${r.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
