import { describe, expect, it } from 'vitest';
import { compileModel, splitArgs } from '../../src/pipeline/compile.js';
import { dialectFor } from '../../src/engine/dialect.js';

describe('model compiler', () => {
  it('splits macro arguments only at top-level commas', () => {
    expect(splitArgs(`a, f(b, c), 'x,y'`)).toEqual(['a', 'f(b, c)', `'x,y'`]);
  });

  it('resolves ref and source and collects them as dependencies', () => {
    const m = compileModel(`SELECT * FROM {{ ref('silver.users') }} JOIN {{ source('movies') }} USING (x)`, dialectFor('duckdb'));
    expect(m.sql).toBe('SELECT * FROM silver.users JOIN bronze.movies USING (x)');
    expect(m.refs).toEqual(['silver.users']);
    expect(m.sources).toEqual(['movies']);
  });

  it('expands nested macros per engine', () => {
    const text = `{{ days_between(a, {{ add_days(b, 3) }}) }}`;
    expect(compileModel(text, dialectFor('duckdb')).sql).toBe(
      `date_diff('day', CAST(a AS DATE), CAST((CAST(b AS DATE) + CAST(3 AS INTEGER)) AS DATE))`,
    );
    expect(compileModel(text, dialectFor('spark')).sql).toBe(
      `datediff(CAST(date_add(CAST(b AS DATE), CAST(3 AS INT)) AS DATE), CAST(a AS DATE))`,
    );
  });

  it('names the model in errors for unknown macros and bad table names', () => {
    expect(() => compileModel('{{ nope(1) }}', dialectFor('duckdb'), 'silver.x')).toThrow(/silver.x: unknown macro 'nope'/);
    expect(() => compileModel(`{{ ref('users') }}`, dialectFor('duckdb'))).toThrow(/schema.table/);
  });
});

describe('model compiler vars and extra macros', () => {
  it('renders vars as SQL literals and rejects unknown ones', () => {
    const m = compileModel(`SELECT {{ var('as_of_date') }}, {{ var('window') }}`, dialectFor('duckdb'), 'gold.x', {
      as_of_date: '2025-10-01',
      window: 90,
    });
    expect(m.sql).toBe(`SELECT '2025-10-01', 90`);
    expect(() => compileModel(`{{ var('nope') }}`, dialectFor('duckdb'), 'gold.x', {})).toThrow(/gold.x: unknown var 'nope'/);
  });

  it('expands caller-supplied macros, whose output may use dialect macros', () => {
    const extra = { metric: (name: string) => (name === 'rate' ? `{{ safe_div(sum(a), count(*)) }}` : 'x') };
    const m = compileModel(`SELECT {{ metric('rate') }} AS rate`, dialectFor('duckdb'), 'gold.x', {}, extra);
    expect(m.sql).toBe(`SELECT (CAST(sum(a) AS DOUBLE) / NULLIF(count(*), 0)) AS rate`);
  });
});
