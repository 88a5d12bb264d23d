/**
 * The language server in the real workbench: squiggles on the exact characters and rows in
 * the Problems view, the reward breakdown on hover, a quick fix that closes an unclosed
 * thought, and a settings change that turns a rule off.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openFile, quickOpen, runCommand, screenshot } from '../../scripts/e2e/workbench';
import { e2e } from './fixture';

/** 1-based column of `needle` on the first line of a workspace file. */
function columnOf(file: string, needle: string): number {
  const first = readFileSync(join(e2e().workspace, file), 'utf8').split('\n')[0];
  return first.indexOf(needle) + 1;
}

async function waitFor(page: Page, test: () => Promise<boolean>, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await test()) return true;
    await page.waitForTimeout(250);
  }
  return test();
}

async function problemRows(page: Page): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row');
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** A workbench page with no editors left open by earlier tests. */
async function freshWorkbench(): Promise<Page> {
  const page = await e2e().openWorkspace();
  await runCommand(page, 'View: Close All Editors', 'Close All Editors').catch(() => undefined);
  return page;
}

async function goTo(page: Page, line: number, column: number): Promise<void> {
  // Quick Open with a leading ':' goes to a line and column (Ctrl+G may belong to the browser).
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

describe('language server in the workbench', function () {
  this.timeout(180_000);

  it('shows squiggles and Problems rows on the exact characters of a JSON Lines dataset', async () => {
    const page = await freshWorkbench();
    await openFile(page, 'lsp-hover.jsonl');
    await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const column = columnOf('lsp-hover.jsonl', '<think>');
    const found = await waitFor(page, async () => (await problemRows(page)).some((r) => r.includes('unclosed-thought') && r.includes(`[Ln 1, Col ${column}]`)));
    await screenshot(page, 'lsp-problems');
    assert.ok(found, `Problems rows: ${(await problemRows(page)).join(' | ')}`);
  });

  it('shows the reward breakdown on hover', async () => {
    const page = await freshWorkbench();
    await openFile(page, 'lsp-hover.jsonl');
    await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    const target = page.locator('.view-line').nth(1).locator('span > span').nth(3);
    const hover = page.locator('.monaco-hover').filter({ hasText: 'contribution' });
    const shown = await waitFor(page, async () => {
      await target.hover();
      await page.waitForTimeout(1200);
      return hover.isVisible();
    });
    await screenshot(page, 'lsp-hover');
    assert.ok(shown, 'no reward breakdown hover');
    const text = await hover.first().innerText();
    assert.match(text, /total/);
    assert.match(text, /Convention/);
  });

  it('Go to Symbol in Workspace finds a record of an open dataset and jumps to it', async () => {
    const page = await freshWorkbench();
    await openFile(page, 'lsp-hover.jsonl');
    await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    // Quick Open with a leading '#' searches the workspace symbols; the row is record #2 with its reward.
    await quickOpen(page, '#2', /#2.*reward 3/);
    const status = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
    const jumped = await waitFor(page, async () => /Ln 2,/.test(await status.innerText().catch(() => '')));
    await screenshot(page, 'lsp-workspace-symbols');
    assert.ok(jumped, `cursor at ${await status.innerText().catch(() => '?')}`);
  });

  it('clicking the code lens above a record opens its reward breakdown', async () => {
    const page = await freshWorkbench();
    await openFile(page, 'lsp-hover.jsonl');
    const lens = page.locator('.codelens-decoration a', { hasText: 'reward' }).nth(1);
    await lens.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await lens.innerText(), /^reward 3 · format ✓ · lang 1 · acc ✓$/);
    await lens.click();
    await page.locator('.tabs-container .tab', { hasText: 'Preview' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const table = preview.locator('table').first();
    await table.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await preview.locator('body').innerText();
    await screenshot(page, 'lsp-breakdown-preview');
    assert.match(text, /contribution/);
    assert.match(text, /Record 2/);
    // One read-only view: the preview, and no untitled Markdown document beside it.
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).count(), 0);
  });

  it('a quick fix closes the unclosed thought and the error goes away', async () => {
    const page = await freshWorkbench();
    await openFile(page, 'lsp-fix.jsonl');
    await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    await goTo(page, 1, columnOf('lsp-fix.jsonl', '<think>') + 2);
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Insert </think>' }).first();
    // Ask again if the first request finds the file still being checked.
    const offered = await waitFor(page, async () => {
      await page.keyboard.press('Control+.');
      await page.waitForTimeout(1500);
      if (await fix.isVisible()) return true;
      await page.keyboard.press('Escape');
      return false;
    }, 45_000);
    assert.ok(offered, 'the quick fix was not offered');
    // Pick it with the keyboard: the widget blocks pointer events while it settles.
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 12 && !(await focused.innerText().catch(() => '')).includes('Insert </think>'); i++) await page.keyboard.press('ArrowDown');
    assert.match(await focused.innerText(), /Insert <\/think>/);
    await page.keyboard.press('Enter');
    const gone = await waitFor(page, async () => (await page.locator('.squiggly-error').count()) === 0);
    await screenshot(page, 'lsp-quick-fix');
    assert.ok(gone, 'the error squiggle is still there after the fix');
    const line = (await page.locator('.view-line').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(line, /<\/think>\\n<answer>/);
    await runCommand(page, 'File: Revert File', 'Revert File');
  });

  it('turning the rule off in the settings removes its diagnostics', async () => {
    const settingsDir = join(e2e().workspace, '.vscode');
    const page = await freshWorkbench();
    try {
      await openFile(page, 'lsp-settings.jsonl');
      await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      mkdirSync(settingsDir, { recursive: true });
      writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify({ 'cotTrace.rules': { 'unclosed-thought': 'off' } }, null, 2));
      const gone = await waitFor(page, async () => (await page.locator('.squiggly-error').count()) === 0, 45_000);
      await screenshot(page, 'lsp-settings');
      assert.ok(gone, 'the unclosed-thought error is still shown with the rule off');
    } finally {
      rmSync(settingsDir, { recursive: true, force: true });
    }
  });
});
