import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('resumes at the first undecided record, shows the dataset’s own label and literal HTML, keeps the decision bar in view, bulk-accepts with undo, and opens records from a click in the summary', async function () {
    const name = 'math500_curated.jsonl';
    const dataset = join(e2e().workspace, name);
    const lines = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean);
    const hostile = JSON.stringify({ item_id: 'html_0000', prompt: 'Look: <img src="figure.png"> and <details><summary>Hint</summary>4</details>', full_response: '<think>Two and two.</think>\n\nSo <b>four</b>: \\boxed{4}', ground_truth: '<script>alert(1)</script>', is_correct: true });
    writeFileSync(dataset, [...lines, hostile].join('\n') + '\n');
    // Records 1 and 2 were decided in an earlier session (an old sidecar: no id, no reviewer).
    const sidecarPath = `${dataset}.review.jsonl`;
    writeFileSync(sidecarPath, [0, 1].map((i) => JSON.stringify({ i, h: hashText(lines[i]), d: 'accept' })).join('\n') + '\n');
    writeFileSync(join(e2e().workspace, 'math500_curated.guidelines.md'), '# Guidelines\n\nAccept a **correct** answer even when it is not boxed.\n');
    const page = await e2e().openWorkspace();
    await openFile(page, name);
    await runCommand(page, 'CoT Trace: Review Dataset…', 'Review Dataset');
    const frame = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
    // Resumes at record 3, the first without a decision; the dataset's own label disagrees with ours there.
    await frame.locator('#record .record-title', { hasText: 'Record 3 · math500_0002' }).waitFor({ timeout: 30_000 });
    assert.match((await frame.locator('#theirs-label').textContent()) ?? '', /incorrect \(is_correct: false\)/);
    assert.equal((await frame.locator('#theirs-extracted').textContent())?.trim(), '3');
    await frame.locator('#disagree-flag').waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await frame.locator('table.answers td.verdict').textContent()) ?? '', /correct, not boxed/);
    assert.match((await frame.locator('#counts').textContent()) ?? '', /2 \/ 21 reviewed/);
    assert.equal(await frame.locator('#guidelines-toggle').isVisible(), true);
    // The decision bar stays at the top while the record scrolls.
    await frame.locator('body').evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
    const top = await frame.locator('#decide').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 2, `decision bar at the top (${top})`);
    // The list: the last record, with HTML in every section, shown as text.
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await frame.locator('#list > summary').click();
    await frame.locator('#record-list tbody tr[data-index="20"]').click();
    await frame.locator('#record .record-title', { hasText: 'Record 21 · html_0000' }).waitFor({ timeout: 15_000 });
    assert.match((await frame.locator('.prompt').textContent()) ?? '', /<img src="figure\.png"> and <details><summary>Hint<\/summary>4<\/details>/);
    assert.equal((await frame.locator('.ground-truth').textContent())?.trim(), '<script>alert(1)</script>');
    assert.match((await frame.locator('.answer').textContent()) ?? '', /<b>four<\/b>/);
    assert.equal(await frame.locator('#record img, #record details.rich, #record .rich details, #record .rich b, #record script').count(), 0);
    await screenshot(page, 'review-e2e-html');

    // Bulk: accept the clean records shown, then undo.
    await frame.locator('#f-rule').selectOption('none');
    const shown = Number(((await frame.locator('#match-count').textContent()) ?? '').split(' ')[0]);
    assert.ok(shown >= 5, `${shown} clean records`);
    const undecidedClean = shown - 1; // record 2 (math500_0001) is clean and already accepted
    await frame.locator('#bulk-accept').click();
    await frame.locator('#counts', { hasText: `${2 + undecidedClean} / 21 reviewed` }).waitFor({ timeout: 15_000 });
    const afterBulk = parseSidecar(readFileSync(sidecarPath, 'utf8'));
    const bulkEntries = afterBulk.entries.slice(2);
    assert.equal(bulkEntries.length, undecidedClean);
    assert.ok(bulkEntries.every((e) => e.d === 'accept' && typeof e.t === 'string' && typeof e.id === 'string' && typeof e.by === 'string'), JSON.stringify(bulkEntries[0]));
    await frame.locator('#undo:not([disabled])').click();
    await frame.locator('#counts', { hasText: '2 / 21 reviewed' }).waitFor({ timeout: 15_000 });
    const afterUndo = parseSidecar(readFileSync(sidecarPath, 'utf8'));
    assert.deepEqual(afterUndo.entries.slice(2 + undecidedClean).map((e) => [e.i, e.d]), bulkEntries.map((e) => [e.i, null]));
    assert.equal(await frame.locator('#undo').isDisabled(), true);
    await screenshot(page, 'review-e2e-bulk');

    // The summary of the same file: its label disagrees on 6 records; a click opens them in the review.
    await page.keyboard.press('Control+W');
    await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await runCommand(page, 'CoT Trace: Dataset Summary…', 'Dataset Summary');
    const summary = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
    await summary.locator('#disagree-0').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await summary.locator('#disagree-0').textContent())?.trim(), '6 records');
    await summary.locator('#disagree-0').click();
    const review = page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
    await review.locator('#filter-note', { hasText: 'disagrees' }).waitFor({ state: 'visible', timeout: 30_000 });
    await review.locator('#match-count', { hasText: /^6 match/ }).waitFor({ timeout: 30_000 });
    assert.equal(await review.locator('#f-disagree').isChecked(), true);
    await review.locator('#record .record-title', { hasText: 'Record 1 · math500_0000' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'review-e2e-from-summary');
  });
});
