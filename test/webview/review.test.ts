import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { pageErrors, posted, savedState, screenshotDir, sendToPage, useWebviewHarness } from './harness';
import { resolveConfig } from '../../src/core/config/resolve';
import { readJsonlLine } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { rowFromResult } from '../../src/core/review/rows';
import { recordView } from '../../src/core/review/view';
import type { RecordView, ReviewToPage } from '../../src/core/review/protocol';
import type { ReviewRow } from '../../src/core/review/rows';
import { corpusFile } from '../corpus';

const config = resolveConfig({});
const XSS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '[click me](javascript:window.__pwned=3)',
  '<iframe src="javascript:window.__pwned=4"></iframe>',
  '<a href="javascript:window.__pwned=5">raw link</a>',
  '<svg onload="window.__pwned=6"></svg>',
  '$\\href{javascript:window.__pwned=7}{x}$ and $$\\url{javascript:alert(1)}$$',
  '<style>body{display:none}</style>',
].join('\n\n');

function build(lines: string[]): { rows: ReviewRow[]; views: RecordView[] } {
  const rows: ReviewRow[] = [];
  const views: RecordView[] = [];
  lines.forEach((text, index) => {
    const record = readJsonlLine(text, { index, line: index, offset: 0 });
    const result = checkRecord(record, config);
    rows.push(rowFromResult(result));
    views.push(recordView(record, result, config));
  });
  return { rows, views };
}

const LINES = [
  JSON.stringify({ prompt: 'Solve $x^2 = 4$ for $x > 0$. Also \\(\\frac{1}{2}\\).', completion: '<think>Let me think. x squared is 4. Wait, x must be positive, so x = 2.</think>\n\nSince $x^2 = 4$ and $x>0$:\n\n$$x = \\sqrt{4} = 2$$\n\nThe answer is \\boxed{2}.', answer: '2' }),
  JSON.stringify({ prompt: XSS, completion: `<think>${XSS}\nWait, is this safe?</think>${XSS}\n\\boxed{1}`, answer: '<img src=x onerror="window.__pwned=8">' }),
  JSON.stringify({ prompt: 'What is 1+1?', completion: '<think>One plus one.</think>\\boxed{3}', answer: '2' }),
  JSON.stringify({ prompt: 'Name a colour', completion: 'Blue.' }),
];

async function load(page: Page, lines = LINES, labels = ['mixed-language', 'long-paragraph', 'no-summary']): Promise<{ rows: ReviewRow[]; views: RecordView[] }> {
  const built = build(lines);
  const init: ReviewToPage = { type: 'init', file: 'data.jsonl', path: '/data/data.jsonl', total: lines.length, labels, rules: ['missing-thought', 'answer-incorrect', 'long-paragraph'], sidecar: 'data.jsonl.review.jsonl', kind: 'jsonl' };
  await sendToPage(page, init);
  await sendToPage(page, { type: 'rows', rows: built.rows });
  await sendToPage(page, { type: 'record', view: built.views[0] });
  return built;
}

/** Answers the page's `get` requests as the extension would. */
async function serve(page: Page, views: RecordView[]): Promise<void> {
  const messages = (await posted(page)) as Array<{ type: string; index?: number }>;
  const last = messages.filter((m) => m.type === 'get').pop();
  if (last && last.index !== undefined) await sendToPage(page, { type: 'record', view: views[last.index] });
}

describe('review panel (Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  it('renders a record: prompt and answer with typeset math, the thought with self-corrections marked, answers side by side, rewards', async () => {
    const page = await harness.open('review');
    await load(page);
    await page.waitForSelector('#record .record-title');
    assert.match(await page.textContent('#title') ?? '', /data\.jsonl/);
    // KaTeX typeset the prompt's and the answer's math, with its fonts from the panel's own files.
    assert.ok((await page.$$('.prompt .katex')).length >= 3, 'inline math in the prompt');
    assert.ok((await page.$$('.answer .katex-display')).length === 1, 'display math in the answer');
    assert.ok(await page.$('.prompt .katex .mfrac'), 'a fraction');
    // Inline layout styles survived (moved into the CSS object model).
    const strut = await page.$eval('.prompt .katex .katex-strut', (e) => (e as HTMLElement).style.height);
    assert.match(strut, /em$/);
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
    assert.ok(fonts.some((f) => /KaTeX/.test(f)), `KaTeX fonts loaded: ${fonts}`);
    // The thought: collapsible, "Wait" marked.
    assert.equal(await page.$eval('details.thought', (d) => (d as HTMLDetailsElement).open), true);
    assert.deepEqual(await page.$$eval('details.thought mark.reflection', (m) => m.map((e) => e.textContent)), ['Wait']);
    assert.match(await page.textContent('td.extracted') ?? '', /2/);
    assert.match(await page.textContent('td.expected') ?? '', /2/);
    assert.match(await page.textContent('table.answers') ?? '', /correct ✓/);
    assert.match(await page.textContent('#total') ?? '', /^\d/);
    assert.match(await page.textContent('#counts') ?? '', /0 \/ 4 reviewed/);
    await page.screenshot({ path: join(screenshotDir(), 'review.png'), fullPage: true });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('renders hostile dataset text inert: nothing runs, no injected elements, no javascript: links', async () => {
    const page = await harness.open('review');
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const { views } = await load(page);
    await sendToPage(page, { type: 'record', view: views[1] });
    await page.keyboard.press('j'); // navigation asks for record 2 — the page shows the view it was sent
    await sendToPage(page, { type: 'record', view: { ...views[1], index: 1 } });
    await page.waitForFunction(() => document.querySelector('#record .record-title')?.textContent?.startsWith('Record 2'));
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(dialogs, 0);
    assert.equal(await page.$$eval('script', (s) => s.length), 2, 'only the page’s own scripts');
    assert.deepEqual(await page.$$eval('#record iframe, #record img[src], #record style, #record [onerror], #record [onload], #record svg[onload], #record [href^="javascript"]', (e) => e.map((x) => x.outerHTML)), []);
    assert.deepEqual(await page.$$eval('#record a', (links) => links.map((a) => a.getAttribute('href')).filter((href) => href && !/^(https?:|mailto:|#)/.test(href))), []);
    // The text is still there to read, as text.
    assert.match(await page.textContent('details.thought') ?? '', /<script>window.__pwned = 1<\/script>/);
    assert.match(await page.textContent('td.expected') ?? '', /onerror/);
    assert.ok(await page.$('body:visible'), 'a <style> in the data did not hide the page');
    // No uncaught error; CSP reports of blocked inline content are acceptable, nothing else.
    assert.deepEqual(pageErrors(page).filter((e) => !/Content Security Policy/i.test(e)), []);
    await page.close();
  });

  it('decides by keyboard (a/r/s, labels 1–9, comment), moves with j/k and arrows, filters and exports', async () => {
    const page = await harness.open('review');
    const { views } = await load(page, [LINES[0], JSON.stringify({ prompt: 'Say hi', completion: '<think>Hi.</think>Hi' }), LINES[2], LINES[3]]);
    await page.waitForSelector('#record .record-title');
    await page.keyboard.press('1'); // label "mixed-language"
    await page.keyboard.press('a'); // accept record 1 → record 2 is requested
    await serve(page, views);
    await page.waitForFunction(() => document.querySelector('#record .record-title')?.textContent?.startsWith('Record 2'));
    await page.keyboard.press('r'); // reject record 2 → record 3
    await serve(page, views);
    await page.keyboard.press('c');
    await page.keyboard.type('wrong sum');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s'); // skip record 3 → record 4
    await serve(page, views);
    await page.keyboard.press('k');
    await serve(page, views);
    await page.keyboard.press('ArrowLeft');
    await serve(page, views);
    await page.keyboard.press('ArrowRight');
    await serve(page, views);
    await page.keyboard.press('j');
    await serve(page, views);
    const messages = (await posted(page)) as Array<Record<string, unknown>>;
    const decisions = messages.filter((m) => m.type === 'decide').map((m) => [m.index, m.decision, (m.labels as string[]).join(','), m.comment]);
    assert.deepEqual(decisions, [
      [0, 'accept', 'mixed-language', ''],
      [1, 'reject', '', ''],
      [2, 'skip', '', 'wrong sum'],
    ]);
    assert.deepEqual(messages.filter((m) => m.type === 'get').map((m) => m.index), [1, 2, 3, 2, 1, 2, 3]);
    // The page keeps the dataset and the record, so a reloaded window reopens them.
    assert.deepEqual(await savedState(page), { position: 3, path: '/data/data.jsonl' });
    assert.match(await page.textContent('#counts') ?? '', /3 \/ 4 reviewed · 1 accepted · 1 rejected · 1 skipped/);
    // Typing in the search box does not trigger shortcuts.
    await page.click('#f-search');
    await page.keyboard.type('ars');
    assert.equal(((await posted(page)) as unknown[]).length, messages.length);
    await page.keyboard.press('Escape');
    // Filters: decision, failing rule, reward.
    await page.selectOption('#f-decision', 'accept');
    assert.match(await page.textContent('#match-count') ?? '', /^1 match/);
    await page.selectOption('#f-decision', 'any');
    await page.selectOption('#f-rule', 'missing-thought');
    assert.match(await page.textContent('#match-count') ?? '', /^1 match/);
    await page.selectOption('#f-rule', '');
    await page.fill('#f-min-reward', '2.5');
    const kept = Number((await page.textContent('#match-count'))?.split(' ')[0]);
    assert.ok(kept >= 1 && kept < 4, `${kept} kept`);
    await page.click('#export-filtered');
    await page.click('#export-accepted');
    const exports = ((await posted(page)) as Array<Record<string, unknown>>).filter((m) => m.type === 'export');
    assert.equal(exports[0].what, 'filtered');
    assert.equal((exports[0].indices as number[]).length, kept);
    assert.deepEqual(exports[1], { type: 'export', what: 'accepted', indices: [0] });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows a real dataset record (math500, DeepSeek-R1)', async function () {
    const CORPUS = corpusFile('topology_math500_deepseek_r1.jsonl');
    const page = await harness.open('review');
    const lines = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).slice(0, 3);
    await load(page, lines);
    await page.waitForSelector('#record .record-title');
    assert.ok((await page.$$('.katex')).length > 0);
    assert.ok((await page.$$('details.thought mark.reflection')).length > 0);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
