/** `A = +0.87` style text: a sign always, two decimals (more when the value is tiny but not 0). */
export function formatAdvantage(value: number, digits = 2): string {
  if (!Number.isFinite(value) || value === 0) return '0';
  const abs = Math.abs(value);
  const shown = abs < 0.5 * 10 ** -digits ? abs.toExponential(1) : abs.toFixed(digits);
  return (value > 0 ? '+' : '−') + shown;
}
