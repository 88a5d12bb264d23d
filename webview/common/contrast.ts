/**
 * Status colours that stay readable in every theme. VS Code's own light defaults for "passed",
 * "failed", warnings and the chart colours are below WCAG AA on white (testing.iconPassed
 * #73c991 is 2.0:1); a panel that calls `applyReadableColours()` gets `--cot-*` variables holding
 * the theme's colour, darkened (light themes) or lightened (dark themes) just enough to reach
 * 4.5:1 for text and 3:1 for bars and outlines against the panel's backgrounds. A theme that
 * already meets the ratio keeps its exact colour; high-contrast themes are never changed.
 *
 * The colour maths is pure (unit-tested in Node); only `applyReadableColours` touches the DOM.
 */

export type Rgb = [number, number, number];

/** Reads `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` and `color(srgb …)`; alpha is returned separately. */
export function parseColour(text: string): { rgb: Rgb; alpha: number } | undefined {
  const t = text.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,8})$/.exec(t);
  if (m) {
    let hex = m[1];
    if (hex.length === 3 || hex.length === 4) hex = [...hex].map((c) => c + c).join('');
    if (hex.length !== 6 && hex.length !== 8) return undefined;
    const n = (i: number) => parseInt(hex.slice(i, i + 2), 16);
    return { rgb: [n(0), n(2), n(4)], alpha: hex.length === 8 ? n(6) / 255 : 1 };
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(t);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: a };
  }
  m = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+))?\s*\)$/.exec(t);
  if (m) return { rgb: [Number(m[1]) * 255, Number(m[2]) * 255, Number(m[3]) * 255], alpha: m[4] === undefined ? 1 : Number(m[4]) };
  return undefined;
}

/** WCAG relative luminance of an sRGB colour (0–255 channels). */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio, 1–21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `fg` with opacity `alpha` painted over `bg`. */
export function over(fg: Rgb, alpha: number, bg: Rgb): Rgb {
  return [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha)) as Rgb;
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;
}

/**
 * The colour closest to `fg` (moving towards black on light backgrounds, white on dark ones)
 * whose contrast with every background is at least `min`.
 */
export function readableOn(fg: Rgb, backgrounds: ReadonlyArray<Rgb>, min: number): Rgb {
  const ok = (c: Rgb) => backgrounds.every((bg) => contrastRatio(c, bg) >= min);
  const start = fg.map(Math.round) as Rgb;
  if (ok(start)) return start;
  const light = backgrounds.reduce((n, bg) => n + luminance(bg), 0) / Math.max(1, backgrounds.length) > 0.18;
  const target: Rgb = light ? [0, 0, 0] : [255, 255, 255];
  for (let step = 1; step <= 40; step++) {
    const c = mix(start, target, step / 40);
    if (ok(c)) return c;
  }
  return target;
}

export const toCss = ([r, g, b]: Rgb): string => `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;

/** A readable variable: where its colour comes from, and the ratio it must reach. */
export interface ReadableColour {
  name: string;
  /** Theme variables tried in order. */
  from: string[];
  fallback: string;
  /** 4.5 for text, 3 for graphics (bars, outlines). */
  min: number;
  /** Also readable on code blocks (`--vscode-textCodeBlock-background`). */
  onCode?: boolean;
}

/** The status colours of the panels. */
export const STATUS_COLOURS: ReadonlyArray<ReadableColour> = [
  { name: '--cot-positive', from: ['--vscode-testing-iconPassed', '--vscode-charts-green'], fallback: '#388a34', min: 4.5 },
  { name: '--cot-negative', from: ['--vscode-testing-iconFailed', '--vscode-charts-red'], fallback: '#e51400', min: 4.5 },
  { name: '--cot-warning', from: ['--vscode-editorWarning-foreground', '--vscode-charts-yellow'], fallback: '#bf8803', min: 4.5 },
  { name: '--cot-muted', from: ['--vscode-descriptionForeground'], fallback: '#717171', min: 4.5, onCode: true },
  { name: '--cot-neutral', from: ['--vscode-disabledForeground', '--vscode-descriptionForeground'], fallback: '#888888', min: 3 },
  { name: '--cot-mean', from: ['--vscode-charts-blue'], fallback: '#1a85ff', min: 4.5 },
  { name: '--cot-reflection', from: ['--vscode-charts-orange'], fallback: '#d18616', min: 4.5, onCode: true },
  { name: '--cot-boxed', from: ['--vscode-charts-green'], fallback: '#388a34', min: 3, onCode: true },
  { name: '--cot-tag', from: ['--vscode-symbolIcon-keywordForeground', '--vscode-charts-purple'], fallback: '#af00db', min: 4.5, onCode: true },
  ...['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c, i) => ({ name: `--cot-series-${i}`, from: [`--vscode-charts-${c}`], fallback: ['#1a85ff', '#d18616', '#388a34', '#652d90', '#e51400', '#bf8803'][i], min: 3 })),
];

/** Sets the `--cot-*` variables on the root element from the current theme. Call again on a theme change. */
export function applyReadableColours(colours: ReadonlyArray<ReadableColour> = STATUS_COLOURS): void {
  const root = document.documentElement;
  const body = document.body;
  if (body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light')) {
    for (const c of colours) root.style.removeProperty(c.name);
    return;
  }
  const probe = document.createElement('span');
  probe.style.display = 'none';
  body.appendChild(probe);
  const resolve = (value: string): { rgb: Rgb; alpha: number } | undefined => {
    probe.style.color = '';
    probe.style.color = value;
    return probe.style.color ? parseColour(getComputedStyle(probe).color) : undefined;
  };
  const styles = getComputedStyle(root);
  const dark = body.classList.contains('vscode-dark');
  const pageBg = resolve(styles.getPropertyValue('--vscode-editor-background').trim() || (dark ? '#1e1e1e' : '#ffffff'));
  const editor: Rgb = pageBg ? over(pageBg.rgb, pageBg.alpha, dark ? [0, 0, 0] : [255, 255, 255]) : dark ? [30, 30, 30] : [255, 255, 255];
  const codeValue = resolve(styles.getPropertyValue('--vscode-textCodeBlock-background').trim() || 'transparent');
  const code: Rgb = codeValue ? over(codeValue.rgb, codeValue.alpha, editor) : editor;
  // Status text also sits in highlighted table cells and rows.
  const hoverValue = resolve(styles.getPropertyValue('--vscode-list-hoverBackground').trim() || 'transparent');
  const hover: Rgb = hoverValue ? over(hoverValue.rgb, hoverValue.alpha, editor) : editor;
  for (const c of colours) {
    const value = c.from.map((v) => styles.getPropertyValue(v).trim()).find(Boolean) ?? c.fallback;
    const parsed = resolve(value) ?? resolve(c.fallback);
    if (!parsed) continue;
    const backgrounds = c.onCode ? [editor, code, hover] : c.min >= 4.5 ? [editor, hover] : [editor];
    const painted = over(parsed.rgb, parsed.alpha, editor);
    root.style.setProperty(c.name, toCss(readableOn(painted, backgrounds, c.min)));
  }
  probe.remove();
}
