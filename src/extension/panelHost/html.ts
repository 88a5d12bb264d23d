/**
 * Builds the HTML document of a webview panel. Pure (no `vscode` runtime import) so the
 * Chromium tests render panels with exactly the markup and Content-Security-Policy that
 * VS Code gets.
 *
 * Policy: nothing loads unless listed. Scripts run only with the per-load nonce, styles and
 * fonts come only from the extension's own files (`cspSource`), images only from there or
 * `data:` URIs (charts exported as images), and nothing connects anywhere.
 */
export interface PanelPage {
  title: string;
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per render. */
  nonce: string;
  /** URI (as a string usable from the webview) of the panel's bundled script. */
  scriptUri: string;
  /** URIs of style sheets (the panel's bundled CSS, the codicon font CSS). */
  styleUris: string[];
  /** State handed to the page at first load (serialised into an inert JSON script block). */
  initialState?: unknown;
  /** Static markup of the page body; dynamic content is built by the script. */
  bodyHtml?: string;
  /** Language of the page (`en` by default). */
  lang?: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Escape text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that is safe inside a `<script type="application/json">` block (no `</script>`, no `<!--`). */
export function inertJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderPanelHtml(page: PanelPage): string {
  const { cspSource, nonce } = page;
  const styles = page.styleUris
    .map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}" nonce="${nonce}">`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang ?? 'en')}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${escapeHtml(page.title)}</title>
    ${styles}
  </head>
  <body>
    ${page.bodyHtml ?? '<main id="app" aria-live="polite"></main>'}
    <script type="application/json" id="initial-state" nonce="${nonce}">${inertJson(page.initialState)}</script>
    <script defer nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
  </body>
</html>`;
}

/** A random nonce (base64url, 128 bits) using the Web Crypto API available in Node 20 and browsers. */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
