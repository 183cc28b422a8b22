import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/engine.js';
import { sql } from '../../src/engine/sql.js';
import { FilterError, filterOptions, filtersToQuery, parseFilters, whereFilters } from '../../src/dashboard/filters.js';
import { escapeHtml, jsonForScript, scriptForInline } from '../../src/html/escape.js';
import { columnOf, COUNTRIES } from '../../src/contracts/index.js';

const INJECTIONS = ["USA' OR '1'='1", "USA'; DROP TABLE t; --", 'USA" OR 1=1 --', "' UNION SELECT * FROM meta.runs --", 'USA\u0000'];

describe('filters', () => {
  it('takes allowed values from the contracts', () => {
    const o = filterOptions();
    expect(o.country).toEqual(COUNTRIES);
    expect(o.plan).toEqual(columnOf('users', 'subscription_plan').allowedValues);
    expect(o.device).toContain('Smart TV');
  });
  it('parses valid filters and round-trips them through the URL', () => {
    const f = parseFilters(new URLSearchParams('from=2025-01-01&to=2025-02-28&country=Canada&plan=Premium%2B&device=Smart+TV'));
    expect(f).toEqual({ from: '2025-01-01', to: '2025-02-28', country: 'Canada', plan: 'Premium+', device: 'Smart TV' });
    expect(parseFilters(new URLSearchParams(filtersToQuery(f).slice(1)))).toEqual(f);
    expect(parseFilters(new URLSearchParams('country=&plan='))).toEqual({});
  });
  it('rejects unknown names, unknown values, bad dates, repeats and reversed ranges', () => {
    const bad = [
      'colour=red',
      'country=France',
      'plan=Gold',
      'device=Fridge',
      'from=2025-02-30',
      'from=yesterday',
      'country=USA&country=Canada',
      'from=2025-03-01&to=2025-01-01',
      'country=usa',
    ];
    for (const query of bad) expect(() => parseFilters(new URLSearchParams(query)), query).toThrow(FilterError);
  });
  it('rejects every injection string in every parameter', () => {
    for (const name of ['from', 'to', 'country', 'plan', 'device']) {
      for (const value of INJECTIONS) {
        expect(() => parseFilters(new URLSearchParams({ [name]: value })), `${name}=${value}`).toThrow(FilterError);
      }
    }
  });
  it('binds filter values as parameters, never as SQL text', async () => {
    // Even bypassing validation, a hostile value stays a value: it matches no row and drops nothing.
    const where = whereFilters({ country: INJECTIONS[1], from: '2025-01-01' }, { country: 'country', date: 'd' });
    expect(where.text).not.toContain('DROP');
    expect(where.params).toEqual(['2025-01-01', INJECTIONS[1]]);
    const engine = await DuckDbEngine.open({ path: ':memory:' });
    await engine.exec("CREATE TABLE t AS SELECT 'USA' AS country, DATE '2025-06-01' AS d");
    expect(await engine.query(sql`SELECT count(*) AS n FROM t ${where}`)).toEqual([{ n: 0 }]);
    expect(await engine.query(sql`SELECT count(*) AS n FROM t ${whereFilters({ country: 'USA' }, { country: 'country' })}`)).toEqual([
      { n: 1 },
    ]);
    expect(await engine.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 1 }]);
    await engine.close();
  });
  it('applies only the filters a view maps to a column', () => {
    expect(whereFilters({ plan: 'Basic', device: 'Mobile' }, { plan: 'p' }).params).toEqual(['Basic']);
    expect(whereFilters({ plan: 'Basic' }, {}).text).toBe('WHERE TRUE');
  });
});

describe('escaping', () => {
  it('escapes HTML text and attributes', () => {
    expect(escapeHtml('<script>"x" & \'y\'</script>')).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
  });
  it('keeps </script> out of embedded JSON and reads back the same value', () => {
    const value = { title: '</script><script>alert(1)</script>', s: '<!-- \u2028 & >' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<\/script/i);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });
  it('breaks up </script inside inlined script source and refuses <!--', () => {
    expect(scriptForInline('var s = "</script>";')).toBe('var s = "<\\/script>";');
    expect(() => scriptForInline('var s = "<!--";')).toThrow();
  });
});
