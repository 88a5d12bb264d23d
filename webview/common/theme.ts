/**
 * The theme as the page sees it: a CSS variable's current value (VS Code sets `--vscode-*` on
 * the page, `applyReadableColours` sets `--cot-*`), and the chart series colours every panel
 * draws with, in order.
 */
export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Chart series: VS Code's chart colour variables, each with its default (dark theme) value when unset. */
export const CHART_SERIES: ReadonlyArray<{ variable: string; fallback: string }> = [
  { variable: '--vscode-charts-blue', fallback: '#3794ff' },
  { variable: '--vscode-charts-orange', fallback: '#d18616' },
  { variable: '--vscode-charts-green', fallback: '#89d185' },
  { variable: '--vscode-charts-purple', fallback: '#b180d7' },
  { variable: '--vscode-charts-red', fallback: '#f14c4c' },
  { variable: '--vscode-charts-yellow', fallback: '#cca700' },
];
