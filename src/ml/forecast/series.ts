/** Reshaping of daily count series. */

/**
 * Sums consecutive 7-day blocks starting at `offset` (use it to align weeks to a Monday).
 * A trailing partial week is dropped so every value covers a full week.
 */
export function weeklyTotals(daily: ArrayLike<number>, offset = 0): Float64Array {
  const weeks = Math.max(0, Math.floor((daily.length - offset) / 7));
  const out = new Float64Array(weeks);
  for (let w = 0; w < weeks; w++) {
    let s = 0;
    for (let d = 0; d < 7; d++) s += daily[offset + 7 * w + d];
    out[w] = s;
  }
  return out;
}

/**
 * Dense daily series from (day, value) pairs; days outside [firstDay, firstDay + length) are
 * rejected (they signal a wrong calendar), missing days are 0 views.
 */
export function denseDaily(days: ArrayLike<number>, values: ArrayLike<number>, firstDay: number, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let k = 0; k < days.length; k++) {
    const t = days[k] - firstDay;
    if (!(t >= 0 && t < length)) throw new Error(`denseDaily: day ${days[k]} (pair ${k}) is outside ${firstDay}..${firstDay + length - 1}`);
    out[t] += values[k];
  }
  return out;
}
