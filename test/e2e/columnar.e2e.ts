import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { e2e } from './fixture';
import { openFile, quickOpen, runCommand, screenshot } from '../../scripts/e2e/workbench';
import { corpusFile } from '../corpus';

// A Parquet file written by scripts/columnar-fixtures.mjs from the corpus (see test/fixtures/columnar/README.md).
const FIXTURE = resolve(__dirname, '../fixtures/columnar/chat.zstd.parquet');

describe('Parquet in the editor (code-server)', () => {
  it('opening a .parquet file shows the dataset editor and the review panel on its records', async function () {
    copyFileSync(FIXTURE, join(e2e().workspace, 'chat.parquet'));
    const page = await e2e().openWorkspace();
    await quickOpen(page, 'chat.parquet', /^\s*chat\.parquet/);
    // The dataset editor opens the review panel in front of it: find the frame that shows a record.
    const started = Date.now();
    let title: string | undefined;
    while (Date.now() - started < 45_000 && !title) {
      for (const frame of page.frames()) {
        const record = frame.locator('#record .record-title');
        if (!title && (await record.count().catch(() => 0)) > 0) title = (await record.first().textContent().catch(() => null)) ?? undefined;
      }
      if (!title) await new Promise((r) => setTimeout(r, 500));
    }
    await screenshot(page, 'columnar-e2e');
    assert.match(title ?? '', /^Record 1 · math500_0000/);
    // Both tabs: the dataset editor (no text editor on the binary file) and the review.
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /^\s*chat\.parquet/ }).count(), 1);
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Review: chat.parquet' }).count(), 1);
    assert.equal(await page.locator('.editor-instance .view-lines').count(), 0, 'no text editor shows the binary file');
  });

  it('a dataset whose traces sit under an unlisted key: the language status and the review header name the field and the setting that pins it', async function () {
    // The file's 20 lines are whole R1 outputs (up to 60 KB each): on two loaded cores the
    // workbench has taken over 20 s to show it, and a hover can be lost while the status bar
    // re-renders. So the waits are longer, each hover is bounded and retried, and the case has
    // a budget of its own.
    this.timeout(300_000);
    // And one retry: in 1 of 3 runs of the whole suite on a fresh clone the hover never showed.
    this.retries(1);
    // The MATH-500 DeepSeek-R1 traces of the corpus (MIT, see test/fixtures/corpus/README.md) under `model_response`.
    const rows = readFileSync(corpusFile('topology_math500_deepseek_r1.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const r = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify({ problem: r.problem, model_response: r.full_response, expected_answer: r.ground_truth });
      });
    writeFileSync(join(e2e().workspace, 'unlisted.jsonl'), rows.join('\n') + '\n');
    const page = await e2e().openWorkspace();
    await openFile(page, 'unlisted.jsonl', 60_000);
    // The language status item (behind the {} beside the language mode) says which field was used.
    const indicator = page.locator('[id="status.languageStatus"]').first();
    await indicator.waitFor({ state: 'visible', timeout: 60_000 });
    const pin = '"cotTrace.fields": {"trace": ["model_response"]}';
    const started = Date.now();
    let detail = '';
    while (Date.now() - started < 90_000 && !detail.includes(pin)) {
      // The mouse is moved onto the item's box (a locator hover waits for the item to be
      // stable, which a re-rendering status bar may never be).
      const box = await indicator.boundingBox().catch(() => null);
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await page.waitForTimeout(1_500);
      detail = await page.locator('.hover-language-status').first().innerText({ timeout: 3_000 }).catch(() => '');
      if (!detail.includes(pin)) {
        await page.mouse.move(700, 400);
        await page.waitForTimeout(1_000);
      }
    }
    await screenshot(page, 'columnar-inferred-status');
    assert.match(detail, /trace field: model_response \(inferred from what the values hold, 20 of 20 records\)/);
    assert.ok(detail.includes(pin), detail);
    await page.mouse.move(700, 400);
    await page.keyboard.press('Escape');
    // The review panel's header says the same, with both lines that pin it.
    await runCommand(page, 'CoT Trace: Review Dataset…', 'Review Dataset');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const note = frame.locator('header #inferred-field');
    await note.waitFor({ state: 'visible', timeout: 60_000 });
    await frame.locator('header #inferred-field', { hasText: '20 of 20 records' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'columnar-inferred-review');
    const text = (await note.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /^Trace field: model_response — no known key holds the traces/);
    assert.ok(text.includes(pin) && text.includes('{"fields":{"trace":["model_response"]}} in .cot-trace.json'), text);
  });
});
