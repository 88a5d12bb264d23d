import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { pageErrors, posted, savedState, screenshotDir, sendToPage, useWebviewHarness } from './harness';
import { applyTheme, DARK, LIGHT } from './learnTheme';
import { resolveConfig } from '../../src/core/config/resolve';
import { countInferred, inferredFieldNote, readJsonlLine } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { rowFromResult } from '../../src/core/review/rows';
import { recordView } from '../../src/core/review/view';
import { datasetColumns } from '../../src/core/review/columns';
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
  '<img src="figure.png" alt="a diagram">',
  '<details><summary>Hint</summary>the answer is 4</details>',
].join('\n\n');

function build(lines: string[]): { rows: ReviewRow[]; views: RecordView[] } {
  const rows: ReviewRow[] = [];
  const views: RecordView[] = [];
  lines.forEach((text, index) => {
    const record = readJsonlLine(text, { index, line: index, offset: 0 });
    const result = checkRecord(record, config);
    rows.push(rowFromResult(result, datasetColumns(text)));
    views.push(recordView(record, result, config, undefined, text));
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

/** Sends a message and waits until the page has handled it (postMessage is delivered as a task). */
async function deliver(page: Page, message: unknown): Promise<void> {
  await sendToPage(page, message);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
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
    assert.match(await page.textContent('table.answers') ?? '', /✓ correct/);
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
    // The record arrives before the comment is typed (it would reset the comment box).
    await page.waitForFunction(() => document.querySelector('#record .record-title')?.textContent?.startsWith('Record 3'));
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
    assert.deepEqual(await savedState(page), { position: 3, path: '/data/data.jsonl', open: { controls: true, list: false } });
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

  it('shows every HTML tag of the prompt, answer, ground truth and thought as literal text, Markdown and math still rendered', async () => {
    const page = await harness.open('review');
    const tags = '<img src="figure.png" alt="a diagram">\n\n<details><summary>Hint</summary>the answer is 4</details>';
    const line = JSON.stringify({
      prompt: `**Bold** question with $x^2$.\n\n${tags}`,
      completion: `<think>Look at ${tags} here.</think>\n\nThe **answer**: $\\frac{1}{2}$ and <img src=y.png>, <details>open</details>. \\boxed{4}`,
      answer: '<script>alert(1)</script>',
    });
    await load(page, [line]);
    await page.waitForSelector('#record .record-title');
    for (const part of ['.prompt', '.answer', '.ground-truth']) {
      assert.deepEqual(await page.$$eval(`#record ${part} img, #record ${part} details, #record ${part} script, #record ${part} summary`, (e) => e.map((x) => x.outerHTML)), [], `no element made from ${part}`);
    }
    const prompt = (await page.textContent('.prompt')) ?? '';
    assert.match(prompt, /<img src="figure\.png" alt="a diagram">/);
    assert.match(prompt, /<details><summary>Hint<\/summary>the answer is 4<\/details>/);
    assert.ok(await page.$('.prompt strong'), 'Markdown still renders');
    assert.ok(await page.$('.prompt .katex'), 'math still typesets');
    const answer = (await page.textContent('.answer')) ?? '';
    assert.match(answer, /<img src=y\.png>/);
    assert.match(answer, /<details>open<\/details>/);
    assert.ok(await page.$('.answer .katex .mfrac'));
    // A ground truth that is a script shows as its text, never as an empty section.
    assert.equal((await page.textContent('.ground-truth'))?.trim(), '<script>alert(1)</script>');
    assert.match((await page.textContent('td.expected')) ?? '', /<script>alert\(1\)<\/script>/);
    assert.match((await page.textContent('details.thought')) ?? '', /<img src="figure\.png" alt="a diagram">/);
    assert.equal(await page.$$eval('script', (x) => x.length), 2);
    assert.deepEqual(pageErrors(page).filter((e) => !/Content Security Policy/i.test(e)), []);
    await page.close();
  });

  it('typesets a TeX ground truth and keeps a prose one as text', async () => {
    const page = await harness.open('review');
    await load(page, [
      JSON.stringify({ prompt: 'p', completion: '<think>t</think>\\boxed{\\frac{14}{3}}', answer: '\\frac{14}{3}' }),
      JSON.stringify({ prompt: 'p', completion: '<think>t</think>\\boxed{Evelyn}', answer: 'Evelyn' }),
    ]);
    await page.waitForSelector('#record .record-title');
    assert.ok(await page.$('.ground-truth .katex .mfrac'), 'the fraction is typeset');
    assert.ok(await page.$('td.expected .katex .mfrac'));
    const { views } = build([JSON.stringify({ prompt: 'p', completion: '<think>t</think>\\boxed{Evelyn}', answer: 'Evelyn' })]);
    await deliver(page, { type: 'record', view: { ...views[0], index: 0 } });
    await page.waitForFunction(() => document.querySelector('.ground-truth')?.textContent?.trim() === 'Evelyn');
    assert.equal(await page.$('.ground-truth .katex'), null);
    await page.close();
  });

  it('shows unboxed apart from incorrect, and no answer apart from both, with the extracted answer and how it was read', async () => {
    const page = await harness.open('review');
    const lines = [
      JSON.stringify({ prompt: 'What is 2+2?', completion: '<think>Two and two.</think>\n\nThe answer is 4.', answer: '4' }),
      JSON.stringify({ prompt: 'What is 1+1?', completion: '<think>One plus one.</think>\\boxed{3}', answer: '2' }),
      JSON.stringify({ prompt: 'What is 3+3?', completion: '<think>Hmm.</think>\n\nI am not sure.', answer: '6' }),
      JSON.stringify({ prompt: 'What is 5+5?', completion: '<think>Five.</think>\n\nThe answer is 11.', answer: '10' }),
    ];
    const { views, rows } = await load(page, lines);
    assert.deepEqual(rows.map((r) => r.verdict), ['unboxed-correct', 'incorrect', 'no-answer', 'unboxed-incorrect']);
    await page.waitForSelector('#record .record-title');
    assert.match((await page.textContent('td.verdict')) ?? '', /correct, not boxed/);
    assert.match((await page.textContent('td.verdict .how')) ?? '', /the answer is/);
    // Both normalised forms, and why they match.
    assert.equal((await page.textContent('td.verdict .why'))?.trim(), 'compared 4 with 4: equal values');
    assert.match((await page.textContent('td.extracted')) ?? '', /4/);
    const verdicts: string[] = [];
    for (let k = 1; k < 4; k++) {
      await page.keyboard.press('j');
      await serve(page, views);
      await page.waitForFunction((n) => document.querySelector('#record .record-title')?.textContent?.startsWith(`Record ${n}`), k + 1);
      verdicts.push(((await page.getAttribute('td.verdict', 'class')) ?? '') + ' ' + ((await page.textContent('td.verdict')) ?? ''));
    }
    assert.match(verdicts[0], /verdict-incorrect .*✗ incorrect/);
    assert.match(verdicts[1], /verdict-no-answer .*no final answer found/);
    assert.match(verdicts[2], /verdict-unboxed-incorrect .*incorrect, not boxed/);
    // The list shows each verdict; the verdict filter keeps the unboxed ones.
    await page.click('#list > summary');
    await page.waitForSelector('#record-list tbody tr');
    assert.deepEqual(await page.$$eval('#record-list tbody td.verdict', (c) => c.map((x) => x.textContent)), ['✓ correct, not boxed', '✗ incorrect', '∅ no final answer found', '✗ incorrect, not boxed']);
    await page.selectOption('#f-verdict', 'unboxed');
    assert.match((await page.textContent('#match-count')) ?? '', /^2 match/);
    await page.selectOption('#f-verdict', 'incorrect');
    assert.match((await page.textContent('#match-count')) ?? '', /^1 match/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows the dataset’s own columns beside ours, flags and filters the records where its label disagrees (math500: 6 misextractions)', async () => {
    const page = await harness.open('review');
    const lines = readFileSync(corpusFile('topology_math500_deepseek_r1.jsonl'), 'utf8').split('\n').filter(Boolean);
    const { rows, views } = await load(page, lines);
    assert.equal(rows.filter((r) => r.theirs === true).length, 13, 'the dataset says 13 of 20 are correct');
    assert.equal(rows.filter((r) => r.verdict === 'correct' || r.verdict === 'unboxed-correct').length, 19, 'we say 19');
    const disagree = rows.filter((r) => r.disagree).map((r) => r.index);
    assert.equal(disagree.length, 6);
    await page.waitForSelector('#record .record-title');
    // Record 1: the dataset extracted "2" from (3, π/2) and called it wrong; we read the box.
    assert.match((await page.textContent('#theirs-label')) ?? '', /incorrect \(is_correct: false\)/);
    assert.equal((await page.textContent('#theirs-extracted'))?.trim(), '2');
    assert.match((await page.textContent('#dataset-columns')) ?? '', /correct/);
    assert.ok(await page.$('#disagree-flag'), 'the disagreement is flagged');
    const facts = (await page.textContent('#dataset-facts')) ?? '';
    assert.match(facts, /level 2/);
    assert.match(facts, /Precalculus/);
    assert.match(facts, /model deepseek-reasoner/);
    assert.match(facts, /reasoning_tokens 366/);
    assert.match((await page.textContent('#counts')) ?? '', /dataset label disagrees on 6/);
    // The filter keeps the six, and moves to the first one that is not the record shown.
    await page.selectOption('#f-verdict', 'unboxed-correct');
    await page.selectOption('#f-verdict', '');
    await page.check('#f-disagree');
    assert.match((await page.textContent('#match-count')) ?? '', /^6 match/);
    assert.ok(disagree.includes(0));
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    await serve(page, views);
    await page.waitForFunction((n) => document.querySelector('#record .record-title')?.textContent?.startsWith(`Record ${n} `), disagree[1] + 1);
    await page.click('#list > summary');
    await page.waitForSelector('#record-list tbody tr');
    assert.deepEqual(await page.$$eval('#record-list tbody tr', (r) => r.map((x) => Number(x.getAttribute('data-index')))), disagree);
    assert.ok((await page.$$('#record-list tbody tr.disagree')).length === 6);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('moves to the first match when a filter leaves the record shown out', async () => {
    const page = await harness.open('review');
    const { views } = await load(page);
    await page.waitForSelector('#record .record-title');
    await page.selectOption('#f-rule', 'missing-thought');
    await serve(page, views);
    await page.waitForFunction(() => document.querySelector('#record .record-title')?.textContent?.startsWith('Record 4'));
    // A filter sent by the dataset summary does the same, and says where it came from.
    await deliver(page, { type: 'filter', filter: { rule: 'answer-incorrect', note: 'rule answer-incorrect of data.jsonl' } });
    await serve(page, views);
    await page.waitForFunction(() => document.querySelector('#record .record-title')?.textContent?.startsWith('Record 3'));
    assert.equal(await page.inputValue('#f-rule'), 'answer-incorrect');
    assert.match((await page.textContent('#filter-note')) ?? '', /dataset summary: rule answer-incorrect/);
    assert.equal(await page.$eval('#list', (d) => (d as HTMLDetailsElement).open), true);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('keeps the decision bar in view while the record scrolls, folds the controls away, and lists records to click through', async () => {
    const page = await harness.open('review');
    const lines = readFileSync(corpusFile('topology_math500_deepseek_r1.jsonl'), 'utf8').split('\n').filter(Boolean);
    const { views } = await load(page, lines);
    await page.waitForSelector('#record .record-title');
    await page.click('#controls > summary');
    assert.equal(await page.$eval('#controls', (d) => (d as HTMLDetailsElement).open), false);
    assert.equal(await page.isVisible('#filters'), false);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(100);
    const bar = await page.$eval('#decide', (e) => e.getBoundingClientRect().top);
    assert.ok(Math.abs(bar) < 2, `decision bar at the top (${bar})`);
    assert.ok(await page.isVisible('#accept'));
    // The thought: proportional face, upright, no scroll box of its own.
    const style = await page.$eval('details.thought pre.trace', (e) => {
      const s = getComputedStyle(e);
      const span = e.querySelector('.thought');
      return { font: s.fontFamily, overflow: s.overflowY, maxHeight: s.maxHeight, italic: span ? getComputedStyle(span).fontStyle : 'normal' };
    });
    assert.doesNotMatch(style.font, /monospace/);
    assert.equal(style.maxHeight, 'none');
    assert.equal(style.italic, 'normal');
    // The list: click a row, that record is asked for and shown.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#list > summary');
    await page.waitForSelector('#record-list tbody tr');
    assert.equal(await page.$$eval('#record-list tbody tr', (r) => r.length), 20);
    await page.click('#record-list tbody tr[data-index="6"]');
    await serve(page, views);
    await page.waitForFunction(() => document.querySelector('#record .record-title')?.textContent?.startsWith('Record 7 · math500_0006'));
    assert.equal(await page.getAttribute('#record-list tbody tr[data-index="6"]', 'aria-current'), 'true');
    assert.deepEqual(((await savedState(page)) as { open: unknown }).open, { controls: false, list: true });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('bulk-accepts the passing records shown and undoes it; the review progress bar follows', async () => {
    const page = await harness.open('review');
    const { rows } = await load(page);
    await page.waitForSelector('#record .record-title');
    await page.click('#bulk-accept');
    const bulk = ((await posted(page)) as Array<Record<string, unknown>>).filter((m) => m.type === 'bulk');
    const passing = rows.filter((r) => !r.failing.length).map((r) => r.index);
    assert.ok(passing.length >= 1 && passing.length < 4, `passing ${passing}`);
    assert.deepEqual((bulk[0].items as Array<{ index: number; decision: string }>).map((i) => [i.index, i.decision]), passing.map((i) => [i, 'accept']));
    assert.equal(await page.isDisabled('#undo'), true);
    // The host saves them and answers with their rows, and that it can undo.
    await deliver(page, { type: 'rows', rows: rows.filter((r) => passing.includes(r.index)).map((r) => ({ ...r, decision: 'accept' })) });
    await deliver(page, { type: 'undoable', count: 1, what: 'Accepted the passing records shown' });
    assert.equal(await page.isDisabled('#undo'), false);
    assert.equal(await page.$eval('#review-progress', (p) => (p as HTMLProgressElement).value), passing.length / 4);
    await page.click('#undo');
    assert.deepEqual(((await posted(page)) as Array<{ type: string }>).filter((m) => m.type === 'undo').length, 1);
    await deliver(page, { type: 'rows', rows: rows.filter((r) => passing.includes(r.index)) });
    await deliver(page, { type: 'undoable', count: 0 });
    assert.equal(await page.isDisabled('#undo'), true);
    assert.equal(await page.$eval('#review-progress', (p) => (p as HTMLProgressElement).value), 0);
    // Reject the shown records with a label.
    await page.selectOption('#f-rule', 'missing-thought');
    await page.selectOption('#bulk-label', 'no-summary');
    await page.click('#bulk-reject');
    const last = ((await posted(page)) as Array<Record<string, unknown>>).filter((m) => m.type === 'bulk').pop();
    assert.deepEqual(last?.items, [{ index: 3, decision: 'reject', labels: ['no-summary'] }]);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows the guidelines in a side drawer, with HTML in them as text', async () => {
    const page = await harness.open('review');
    await load(page);
    await deliver(page, { type: 'guidelines', name: 'REVIEW_GUIDELINES.md', markdown: '# Rules\n\n- Reject **mixed** language.\n\n<b>not bold</b>' });
    await page.waitForSelector('#guidelines-toggle:visible');
    assert.equal(await page.isVisible('#guidelines'), false);
    await page.keyboard.press('g');
    assert.equal(await page.isVisible('#guidelines'), true);
    assert.ok(await page.$('#guidelines li strong'));
    assert.equal(await page.$('#guidelines b'), null);
    assert.match((await page.textContent('#guidelines')) ?? '', /<b>not bold<\/b>/);
    await page.keyboard.press('Escape');
    assert.equal(await page.isVisible('#guidelines'), false);
    await page.close();
  });

  it('says in the header which field the traces were read from when no known key holds them, with the lines that pin it', async () => {
    const lines = LINES.slice(0, 3).map((text) => {
      const { prompt, completion, answer } = JSON.parse(text) as Record<string, string>;
      return JSON.stringify({ problem: prompt, generated_output: completion, expected_answer: answer });
    });
    // What the host sends: the engine's reading of the records, counted by the core.
    const records = lines.map((text, index) => readJsonlLine(text, { index, line: index, offset: 0 }));
    const inferred = inferredFieldNote(countInferred(records), records.length);
    assert.ok(inferred, 'the reader inferred the trace field');
    const built = build(lines);
    const page = await harness.open('review');
    await sendToPage(page, { type: 'init', file: 'gen.jsonl', path: '/data/gen.jsonl', total: lines.length, labels: [], rules: [], sidecar: 'gen.jsonl.review.jsonl', kind: 'jsonl', inferred } satisfies ReviewToPage);
    await sendToPage(page, { type: 'rows', rows: built.rows });
    await sendToPage(page, { type: 'record', view: built.views[0] });
    await page.waitForSelector('#record .record-title');
    const note = page.locator('header #inferred-field');
    assert.equal(await note.isVisible(), true);
    assert.equal(
      await note.textContent(),
      'Trace field: generated_output — no known key holds the traces, so it was chosen by what the values hold (3 of 3 records). Pin it with "cotTrace.fields": {"trace": ["generated_output"]} in the settings, or {"fields":{"trace":["generated_output"]}} in .cot-trace.json.',
    );
    assert.deepEqual(await note.locator('code').allTextContents(), ['generated_output', '"cotTrace.fields": {"trace": ["generated_output"]}', '{"fields":{"trace":["generated_output"]}}']);
    // The count over the whole dataset, once scored, replaces the first records' one.
    await deliver(page, { type: 'inferred', inferred: { ...inferred, records: 2, of: 40 } });
    assert.match((await note.textContent()) ?? '', /\(2 of 40 records\)/);
    // A dataset whose traces sit under a known key: no note.
    await load(page);
    assert.equal(await note.isVisible(), false);
    await page.close();
  });
});

/** WCAG relative luminance of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('review panel at 900 and 1600 px, dark and light (Chromium)', function () {
  this.timeout(180_000);
  const harness = useWebviewHarness();

  for (const [name, vars, cls] of [['dark', DARK, 'vscode-dark'], ['light', LIGHT, 'vscode-light']] as const) {
    it(`every status colour is at least 4.5:1 on the ${name} background; screenshots at 1600 and 900 px`, async () => {
      const page = await harness.open('review', { theme: cls });
      await applyTheme(page, vars, cls);
      const lines = readFileSync(corpusFile('topology_math500_deepseek_r1.jsonl'), 'utf8').split('\n').filter(Boolean);
      const extra = [
        JSON.stringify({ prompt: 'What is 2+2?', completion: '<think>Two and two.</think>\n\nThe answer is 4.', answer: '4' }),
        JSON.stringify({ prompt: 'What is 1+1?', completion: '<think>One plus one.</think>\\boxed{3}', answer: '2' }),
        JSON.stringify({ prompt: 'What is 3+3?', completion: '<think>Hmm.</think>\n\nI am not sure.', answer: '6' }),
        JSON.stringify({ prompt: 'What is 5+5?', completion: '<think>Five.</think>\n\nThe answer is 11.', answer: '10' }),
      ];
      const { rows } = await load(page, [...lines, ...extra]);
      await deliver(page, { type: 'rows', rows: rows.map((r, k) => ({ ...r, decision: k === 1 ? 'accept' : k === 2 ? 'reject' : null, stale: k === 3 ? true : undefined })) });
      await page.waitForSelector('#record .record-title');
      await page.click('#list > summary');
      await page.waitForSelector('#record-list tbody tr');
      await deliver(page, { type: 'notice', level: 'warning', text: 'A warning notice' });
      await deliver(page, { type: 'notice', level: 'error', text: 'An error notice' });
      const measured = await page.evaluate(() => {
        const bg = getComputedStyle(document.body).backgroundColor;
        const sel = '.positive, .negative, .warning, .verdict, .finding code, .notice.error, .notice.warning, .muted';
        return { bg, colours: [...document.querySelectorAll(sel)].filter((e) => !e.closest('tr[aria-current]')).map((e) => ({ cls: e.className, colour: getComputedStyle(e).color })) };
      });
      const kinds = new Set(measured.colours.map((c) => c.cls.split(' ').find((x) => /^(positive|negative|warning|verdict-|muted|notice)/.test(x)) ?? c.cls));
      for (const k of ['positive', 'negative', 'warning', 'verdict-correct', 'verdict-incorrect', 'verdict-unboxed-correct', 'verdict-unboxed-incorrect', 'verdict-no-answer']) assert.ok(kinds.has(k), `${k} measured (${[...kinds]})`);
      for (const c of measured.colours) {
        const ratio = contrast(c.colour, measured.bg);
        assert.ok(ratio >= 4.5, `${c.cls} ${c.colour} on ${measured.bg}: ${ratio.toFixed(2)}:1`);
      }
      for (const width of [1600, 900]) {
        await page.setViewportSize({ width, height: 1000 });
        await page.waitForTimeout(150);
        // Nothing wider than the panel: no sideways scrolling at 900 px.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no horizontal overflow at ${width} px (${overflow})`);
        await page.screenshot({ path: join(screenshotDir(), `review-${width}-${name}.png`), fullPage: false });
      }
      // Controls and list folded away, scrolled into the thought: the decision bar stays on top.
      await page.click('#controls > summary');
      await page.click('#list > summary');
      for (const width of [1600, 900]) {
        await page.setViewportSize({ width, height: 1000 });
        await page.evaluate(() => document.querySelector('.ground-truth')?.scrollIntoView());
        await page.waitForTimeout(150);
        assert.ok(Math.abs(await page.$eval('#decide', (e) => e.getBoundingClientRect().top)) < 2);
        await page.screenshot({ path: join(screenshotDir(), `review-record-${width}-${name}.png`), fullPage: false });
      }
      assert.deepEqual(pageErrors(page), []);
      await page.close();
    });
  }
});
