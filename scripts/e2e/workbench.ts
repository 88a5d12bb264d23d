/**
 * Drives the VS Code workbench served by code-server through playwright-core and Debian's
 * Chromium: open files through Quick Open, run commands from the palette, read the colours
 * of the rendered tokens, take screenshots.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, ROOT } from './codeServer';

export { CHROMIUM };
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches Chromium with a fresh profile. Never downloads a browser. */
export async function launchBrowser(profileDir?: string): Promise<BrowserContext> {
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'cot-trace-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: process.env.COT_E2E_HEADED !== '1',
    args: CHROMIUM_ARGS,
    // Chromium's crash reporter writes under $HOME: keep it inside the profile.
    env: { ...process.env, HOME: profile },
    viewport: { width: 1400, height: 900 },
  });
}

/** Opens the workbench at `url` and waits until the explorer shows the folder. */
export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.locator('.monaco-workbench .explorer-folders-view').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Monaco draws spaces as U+00A0; compare text with ordinary spaces. */
export const normalise = (text: string): string => text.replace(/\u00a0/g, ' ');

/**
 * Opens a quick input with `open`, types `text` and clicks the first row containing `match`.
 * Asks again until the row shows: right after the workbench opens, the extensions'
 * commands are not registered yet and a new file may not be in the file index yet, and an
 * open quick input never refreshes its list.
 */
async function pickFromQuickInput(page: Page, open: (attempt: number) => Promise<void>, text: string, match: string | RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget input').first();
  for (let attempt = 0; ; attempt++) {
    await open(attempt);
    const shown = await input
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) {
      await input.fill(text);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: match }).first();
      const found = await row
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      // Click the row that matched: Enter would take whichever row is focused, which may
      // still be a stale result while the list refreshes. The quick input can also close
      // between finding the row and clicking it (something else took the focus): ask again.
      if (found && (await row.click({ timeout: 5_000 }).then(() => true, () => false))) return;
    }
    if (Date.now() > deadline) throw new Error(`the quick input never listed "${match}" for "${text}"`);
    // Close whatever is open, and give the focus back to the workbench: a key pressed while
    // a webview or the Welcome page has the focus may never reach it.
    await page.keyboard.press('Escape');
    const bar = page.locator('.part.statusbar').first();
    const box = await bar.boundingBox().catch(() => null);
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
}

/**
 * Types `text` into Quick Open (Ctrl+P; a prefix such as `#` or `:` picks its mode) and clicks
 * the row that matches `match`, asking again until it shows.
 */
export async function quickOpen(page: Page, text: string, match: string | RegExp): Promise<void> {
  await pickFromQuickInput(page, () => page.keyboard.press('Control+P'), text, match);
}

/**
 * Opens a workspace file through Quick Open (Ctrl+P) and waits until it is the active
 * editor. `fileName` is the base name (with a folder prefix if it is ambiguous); a file of long
 * lines may need a longer `timeoutMs` on a loaded machine.
 */
export async function openFile(page: Page, fileName: string, timeoutMs = 20_000): Promise<void> {
  const base = fileName.split('/').pop() ?? fileName;
  // The row and the tab must start with the name: "data.jsonl" must not pick "more_data.jsonl".
  const named = new RegExp(`^\\s*${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  await quickOpen(page, fileName, named);
  await page
    .locator('.tabs-container .tab.active', { hasText: named })
    .first()
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.editor-instance .view-lines .view-line').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * Runs a command from the command palette by its title, e.g. "Output: Show Output Channels...".
 * `match` is the text the palette row must contain (defaults to the title).
 */
export async function runCommand(page: Page, title: string, match: string = title, timeoutMs = 60_000): Promise<void> {
  await pickFromQuickInput(page, (attempt) => page.keyboard.press(attempt % 2 === 0 ? 'F1' : 'Control+Shift+P'), `>${title}`, match, timeoutMs);
}

/** Closes every editor without saving (an unsaved one is discarded through its dialog). */
export async function closeAllEditors(page: Page): Promise<void> {
  if ((await page.locator('.tabs-container .tab').count()) === 0) return;
  await runCommand(page, 'View: Close All Editors', 'Close All Editors', 15_000);
  const tabs = page.locator('.tabs-container .tab');
  const deadline = Date.now() + 10_000;
  while ((await tabs.count()) > 0 && Date.now() < deadline) {
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" }).first();
    if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
    await page.waitForTimeout(200);
  }
}

/** One rendered token of the active editor. */
export interface Token {
  /** 0-based line of the document (wrapped rows of one line share it). */
  line: number;
  /** 0-based rendered row, top to bottom. */
  row: number;
  text: string;
  /** Monaco's classes, e.g. `mtk5` or `mtk7 mtki`: equal classes mean equal styling. */
  className: string;
  /** Computed CSS colour, e.g. `rgb(86, 156, 214)`. */
  color: string;
  fontStyle: string;
  fontWeight: string;
}

/**
 * Reads every token of the rendered rows of the active editor, top to bottom. Rows are
 * mapped to document lines through the line-number gutter, so wrapped lines read as one
 * line. (Monaco renders only the visible part of a long line when word wrap is off; keep
 * wrap on to see whole lines.)
 */
export async function readTokens(page: Page): Promise<Token[]> {
  const raw = await page.evaluate(() => {
    const editor =
      document.querySelector('.editor-group-container.active .editor-instance') ?? document.querySelector('.editor-instance');
    if (!editor) return [];
    // No helper functions in here: the bundler would wrap them in a `__name` call that does not exist in the page.
    const numbers = new Map<number, number>();
    for (const row of Array.from(editor.querySelectorAll<HTMLElement>('.margin-view-overlays > div'))) {
      const text = row.querySelector('.line-numbers')?.textContent?.trim() ?? '';
      if (/^\d+$/.test(text)) numbers.set(parseFloat(row.style.top || '0'), Number(text) - 1);
    }
    const rows = Array.from(editor.querySelectorAll<HTMLElement>('.view-lines .view-line'));
    rows.sort((a, b) => parseFloat(a.style.top || '0') - parseFloat(b.style.top || '0'));
    const out: { line: number; row: number; text: string; className: string; color: string; fontStyle: string; fontWeight: string }[] = [];
    let line = -1;
    rows.forEach((row, index) => {
      const numbered = numbers.get(parseFloat(row.style.top || '0'));
      line = numbers.size === 0 ? index : numbered ?? line;
      for (const span of Array.from(row.querySelectorAll<HTMLElement>(':scope > span > span'))) {
        const style = getComputedStyle(span);
        out.push({
          line,
          row: index,
          text: span.textContent ?? '',
          className: span.className,
          color: style.color,
          fontStyle: style.fontStyle,
          fontWeight: style.fontWeight,
        });
      }
    });
    return out;
  });
  return raw.map((t) => ({ ...t, text: normalise(t.text) }));
}

/** The rendered lines of the active editor as plain text. */
export async function readLines(page: Page): Promise<string[]> {
  const tokens = await readTokens(page);
  const lines: string[] = [];
  for (const token of tokens) if (token.line >= 0) lines[token.line] = (lines[token.line] ?? '') + token.text;
  return Array.from(lines, (l) => l ?? '');
}

/**
 * Reads tokens until `ready` accepts them or the time runs out, then returns the last
 * reading (grammars load and tokenise asynchronously after the file opens). The caller
 * asserts on what it gets, so a late or missing grammar fails with a readable message.
 */
export async function waitForTokens(page: Page, ready: (tokens: Token[]) => boolean, timeoutMs = 15_000): Promise<Token[]> {
  const deadline = Date.now() + timeoutMs;
  let tokens = await readTokens(page);
  while (!ready(tokens) && Date.now() < deadline) {
    await page.waitForTimeout(250);
    tokens = await readTokens(page);
  }
  return tokens;
}

/** The first token that contains `text` (after `after`, when given), or undefined. */
export function findToken(tokens: Token[], text: string, after?: Token): Token | undefined {
  const start = after ? tokens.indexOf(after) + 1 : 0;
  return tokens.slice(start).find((t) => t.text.includes(text));
}

/** Saves a full-page screenshot under test-results/screenshots/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
