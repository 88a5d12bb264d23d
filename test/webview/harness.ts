/**
 * Opens a panel's real bundle (dist/webview/<bundle>.js) in Debian's Chromium with the same
 * HTML and Content-Security-Policy VS Code would get, and a stand-in for `acquireVsCodeApi`
 * that records posted messages and keeps `setState` state so a "reload" can be simulated.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { renderPanelHtml } from '../../src/extension/panelHost/html';

export const ROOT = resolve(__dirname, '../..');
const ORIGIN = 'https://webview.test';
import { CHROMIUM } from '../../scripts/e2e/codeServer';

export { CHROMIUM };

export interface OpenOptions {
  initialState?: unknown;
  /** State returned by getState(), as after a reload. */
  savedState?: unknown;
  /** Emulated colour scheme / theme class: VS Code sets body classes vscode-dark/-light/-high-contrast. */
  theme?: 'vscode-dark' | 'vscode-light' | 'vscode-high-contrast';
  /** `<html lang>`, as the extension sets it from VS Code's display language (`vscode.env.language`). */
  lang?: string;
  /** The build to serve in place of `dist/` (test/webview/pseudo.ts builds one with pseudo-translated tables). */
  dist?: string;
}

export class WebviewHarness {
  private browser?: Browser;
  private context?: BrowserContext;
  private profile?: string;

  async start(): Promise<void> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (scripts/provision.sh) or set CHROMIUM_PATH.`);
    }
    this.profile = mkdtempSync(join(tmpdir(), 'cot-webview-'));
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    this.context = await this.browser.newContext({ viewport: { width: 1100, height: 900 } });
  }

  async stop(): Promise<void> {
    await this.context?.close();
    await this.browser?.close();
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
  }

  /** Opens `dist/webview/<bundle>.js` in a page that looks like a VS Code webview. */
  async open(bundle: string, options: OpenOptions = {}): Promise<Page> {
    if (!this.context) throw new Error('harness not started');
    const dist = options.dist ?? join(ROOT, 'dist');
    const script = join(dist, 'webview', `${bundle}.js`);
    if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first.`);
    const page = await this.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    errorsByPage.set(page, errors);
    const html = renderPanelHtml({
      title: bundle,
      cspSource: ORIGIN,
      nonce: 'testnonce0123456789',
      scriptUri: `${ORIGIN}/dist/webview/${bundle}.js`,
      styleUris: [`${ORIGIN}/dist/webview/${bundle}.css`],
      initialState: options.initialState,
      lang: options.lang,
    });
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/' || url.pathname === '/index.html') {
        await route.fulfill({ status: 200, contentType: 'text/html', body: html });
        return;
      }
      const path = decodeURIComponent(url.pathname);
      const file = path.startsWith('/dist/') ? join(dist, path.slice('/dist/'.length)) : '';
      if (!file || !file.startsWith(dist) || !existsSync(file)) {
        await route.fulfill({ status: 404, body: '' });
        return;
      }
      const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.ttf') ? 'font/ttf' : 'application/octet-stream';
      await route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
    });
    // Anything else (remote fonts, images, scripts) must never be requested.
    await page.route((url) => !url.href.startsWith(ORIGIN) && !url.href.startsWith('data:'), async (route) => {
      errors.push(`blocked network request: ${route.request().url()}`);
      await route.abort();
    });
    // A string, not a function: tsx would add helpers (`__name`) the page does not have.
    await page.addInitScript(`(() => {
      const saved = ${JSON.stringify(options.savedState ?? null)};
      const theme = ${JSON.stringify(options.theme ?? 'vscode-dark')};
      window.__posted = [];
      window.__state = saved === null ? undefined : saved;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted.push(m),
        getState: () => window.__state,
        setState: (s) => { window.__state = s; },
      });
      document.addEventListener('DOMContentLoaded', () => document.body.classList.add(theme));
    })();`);
    await page.goto(`${ORIGIN}/index.html`);
    return page;
  }
}

const errorsByPage = new WeakMap<Page, string[]>();

/** Uncaught errors, console errors and blocked network requests seen by the page. */
export function pageErrors(page: Page): string[] {
  return errorsByPage.get(page) ?? [];
}

/** Messages the page posted to the extension. */
export async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
}

/** The page's saved state (what VS Code would hand back after a reload). */
export async function savedState(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __state: unknown }).__state);
}

/** Sends a message to the page as the extension would. */
export async function sendToPage(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export function screenshotDir(): string {
  const dir = join(ROOT, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

let built = false;

/**
 * A harness for the calling `describe`: builds the bundles once per test run (the first
 * suite that asks), starts Chromium before the suite's tests and stops it after them.
 */
export function useWebviewHarness(): WebviewHarness {
  const harness = new WebviewHarness();
  before(async function () {
    this.timeout(120_000);
    if (!built) {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe' });
      built = true;
    }
    await harness.start();
  });
  after(() => harness.stop());
  return harness;
}
