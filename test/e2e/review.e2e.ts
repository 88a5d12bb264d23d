import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e } from './fixture';
import { openFile, runCommand, screenshot } from '../../scripts/e2e/workbench';
import { hashText } from '../../src/core/review/hash';
import { parseSidecar } from '../../src/core/review/sidecar';
import { corpusFile } from '../corpus';

// A real dataset (MIT, markyx316/LLM-Reasoning-Trace-Topology @f841ba72 : data/traces/math500_deepseek_r1.jsonl),
// copied from test/fixtures/corpus into the run's workspace.
const CORPUS = corpusFile('topology_math500_deepseek_r1.jsonl');
const NAME = 'math500_deepseek_r1.jsonl';

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('dataset review (code-server)', () => {
  it('reviews a real dataset: accept two, reject one, decisions in the sidecar, export the accepted records byte for byte', async function () {
    const dataset = join(e2e().workspace, NAME);
    copyFileSync(CORPUS, dataset);
    const page = await e2e().openWorkspace();
    await openFile(page, NAME);
    await runCommand(page, 'CoT Trace: Review Dataset…', 'Review Dataset');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const title = frame.locator('#record .record-title');
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await title.textContent() ?? '', /^Record 1 · math500_0000/);
    assert.ok((await frame.locator('.katex').count()) > 0, 'math is typeset');
    // Keyboard: a, a, r.
    // A workbench hover (e.g. of the tab the mouse passed over) may lie over the panel: move
    // the mouse away and let it close before giving the panel the focus.
    await page.mouse.move(700, 880);
    await page.keyboard.press('Escape');
    await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await frame.locator('#title').click();
    await page.keyboard.press('a');
    await frame.locator('#record .record-title', { hasText: 'Record 2 ' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('a');
    await frame.locator('#record .record-title', { hasText: 'Record 3 ' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('r');
    await frame.locator('#record .record-title', { hasText: 'Record 4 ' }).waitFor({ timeout: 15_000 });
    await frame.locator('#counts', { hasText: '3 / 20 reviewed · 2 accepted · 1 rejected' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'review-e2e');

    const lines = readFileSync(dataset, 'utf8').split('\n').filter(Boolean);
    const sidecarPath = `${dataset}.review.jsonl`;
    const parsed = await waitFor(() => {
      if (!existsSync(sidecarPath)) return undefined;
      const p = parseSidecar(readFileSync(sidecarPath, 'utf8'));
      return p.entries.length >= 3 ? p : undefined;
    }, 'three decisions in the sidecar').catch(async (error: Error) => {
      // Say what there was instead: the sidecar's content and the panel's notices.
      const content = existsSync(sidecarPath) ? readFileSync(sidecarPath, 'utf8') : '(no sidecar file)';
      const notices = await frame.locator('#notices').innerText().catch(() => '(no notices)');
      throw new Error(`${error.message}; sidecar: ${content.slice(0, 2000)}; notices: ${notices}`);
    });
    assert.deepEqual(
      parsed.entries.map((e) => [e.i, e.d, e.h]),
      [
        [0, 'accept', hashText(lines[0])],
        [1, 'accept', hashText(lines[1])],
        [2, 'reject', hashText(lines[2])],
      ],
    );
    assert.equal(parsed.problems.length, 0);

    // Export the accepted records: the save dialog proposes NAME.accepted.jsonl.
    await frame.locator('#export-accepted').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    // The dialog fills in the folder first, then the proposed name.
    await page.waitForFunction(() => /\.accepted\.jsonl$/.test((document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? ''), undefined, { timeout: 15_000 });
    assert.match(await input.inputValue(), /math500_deepseek_r1\.accepted\.jsonl$/);
    await page.keyboard.press('Enter');
    const exported = join(e2e().workspace, 'math500_deepseek_r1.accepted.jsonl');
    const bytes = await waitFor(() => (existsSync(exported) && readFileSync(exported).length ? readFileSync(exported) : undefined), 'the exported file');
    const source = readFileSync(dataset);
    const ends = [source.indexOf(10) + 1];
    ends.push(source.indexOf(10, ends[0]) + 1);
    assert.deepEqual(bytes, source.subarray(0, ends[1]), 'the first two lines, byte for byte');
    assert.deepEqual(readFileSync(dataset), readFileSync(CORPUS), 'the dataset itself is never modified');

    // The dataset summary of the same file, in place of the review.
    await page.keyboard.press('Control+W');
    await page.locator('.tabs-container .tab.active', { hasText: NAME }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await runCommand(page, 'CoT Trace: Dataset Summary…', 'Dataset Summary');
    const summary = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('#summary tbody tr').first();
    await summary.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await summary.textContent()) ?? '', /records\s*20/);
    await screenshot(page, 'stats-e2e');
  });
});
