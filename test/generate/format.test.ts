import { describe, expect, it } from 'vitest';
import { csvField, dayNumber, decimalText, decimalTextSlow, floatText, timestampMicrosText, DayText } from '../../src/generate/format.js';
import { Rng } from '../../src/generate/rng.js';
import { parseLine } from './csv.js';

describe('format', () => {
  it('writes whole numbers as pandas floats, including -0.0', () => {
    expect(floatText(43)).toBe('43.0');
    expect(floatText(0)).toBe('0.0');
    expect(floatText(-0)).toBe('-0.0');
    expect(floatText(-7)).toBe('-7.0');
    expect(floatText(150_000_000)).toBe('150000000.0');
  });

  it('writes reals like Python repr after rounding', () => {
    expect(decimalText(13.5, 2)).toBe('13.5');
    expect(decimalText(13.999, 2)).toBe('14.0');
    expect(decimalText(0.1234, 3)).toBe('0.123');
    expect(decimalText(-0.00001, 1)).toBe('0.0');
    expect(decimalText(0.05, 3)).toBe('0.05');
    expect(decimalText(12.3049, 2)).toBe('12.3');
    expect(decimalText(7.001, 3)).toBe('7.001');
  });

  it('fast decimal path spells exactly like the reference path', () => {
    const rng = new Rng(31);
    const mismatches: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const decimals = 1 + (i % 3);
      const x = i % 2 ? rng.uniform(0, 1) : rng.logNormal(50, 2);
      if (decimalText(x, decimals) !== decimalTextSlow(x, decimals)) mismatches.push(`${x} @${decimals}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('quotes only fields that need it', () => {
    expect(csvField('plain text.')).toBe('plain text.');
    expect(csvField('Great acting, weak plot.')).toBe('"Great acting, weak plot."');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(parseLine(`a,${csvField('x, "y"')},`)).toEqual(['a', 'x, "y"', '']);
  });

  it('formats days and microsecond timestamps', () => {
    const days = new DayText(dayNumber('2024-01-01'), dayNumber('2024-12-31'));
    expect(days.text(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(days.text(dayNumber('2030-05-01'))).toBe('2030-05-01'); // outside the cache still works
    expect(timestampMicrosText('2023-05-26', 4 * 3600 + 43 * 60 + 3, 965)).toBe('2023-05-26 04:43:03.000965');
  });
});
