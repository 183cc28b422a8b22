import { describe, expect, it } from 'vitest';
import {
  axisName,
  formatChange,
  formatCompact,
  formatCurrency,
  formatDurationMs,
  formatInteger,
  formatKpi,
  formatPercent,
  formatValue,
} from '../../src/dashboard/format.js';

describe('number formatting for people', () => {
  it('compacts counts with suffixes and rolls over at the boundary', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(9999)).toBe('9,999');
    expect(formatCompact(12_345)).toBe('12.3 k');
    expect(formatCompact(1_234_567)).toBe('1.2 M');
    expect(formatCompact(999_999)).toBe('1 M');
    expect(formatCompact(-2_500_000_000)).toBe('-2.5 B');
    expect(formatCompact(250_000)).toBe('250 k');
    expect(formatCompact(3.14159)).toBe('3.14');
    expect(formatCompact(123.45)).toBe('123.5');
    expect(formatCompact(1132.6)).toBe('1,133');
  });
  it('formats integers, percents, currency and durations', () => {
    expect(formatInteger(1234567)).toBe('1,234,567');
    expect(formatInteger(-1000)).toBe('-1,000');
    expect(formatPercent(0.3451)).toBe('34.5\u00a0%');
    expect(formatPercent(1)).toBe('100.0\u00a0%');
    expect(formatCurrency(12.4)).toBe('$12.40');
    expect(formatCurrency(12_345.6)).toBe('$12,346');
    expect(formatCurrency(1_234_567)).toBe('$1.2 M');
    expect(formatCurrency(-5)).toBe('-$5.00');
    expect(formatDurationMs(850)).toBe('850 ms');
    expect(formatDurationMs(12_340)).toBe('12.3 s');
    expect(formatDurationMs(270_000)).toBe('4.5 min');
    expect(formatDurationMs(7_560_000)).toBe('2.1 h');
  });
  it('dispatches on the declared format and shows gaps as a dash', () => {
    expect(formatValue(null, 'count')).toBe('–');
    expect(formatValue(undefined)).toBe('–');
    expect(formatValue(0.125, 'percent')).toBe('12.5\u00a0%');
    expect(formatValue('1500000', 'count')).toBe('1.5 M');
    expect(formatValue(3.5, 'hours')).toBe('3.5 h');
    expect(formatValue(4.25, 'number')).toBe('4.25');
    expect(formatValue('<b>x</b>', 'text')).toBe('<b>x</b>');
    expect(formatValue('abc', 'number')).toBe('abc');
    expect(formatKpi({ format: 'currency' }, 9.9)).toBe('$9.90');
  });
  it('names axes with units', () => {
    expect(axisName('Watch hours', 'hours')).toBe('Watch hours (h)');
    expect(axisName('Completion', 'percent')).toBe('Completion (%)');
    expect(axisName('Score', 'score')).toBe('Score');
  });
  it('states change in percentage points for rates and relative change otherwise', () => {
    expect(formatChange('percent', 0.12, 0.1)).toBe('+2.0\u00a0pp');
    expect(formatChange('percent', 0.1, 0.12)).toBe('−2.0\u00a0pp');
    expect(formatChange('count', 110, 100)).toBe('+10.0\u00a0%');
    expect(formatChange('count', 90, 100)).toBe('−10.0\u00a0%');
    expect(formatChange('count', 5, 0)).toBeNull();
    expect(formatChange('count', 5, null)).toBeNull();
  });
});
