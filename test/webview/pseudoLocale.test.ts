/**
 * A pseudo-locale run of the panels: built with every label table and the engine's message
 * catalogue pseudo-translated (test/webview/pseudo.ts), the calculator, review, dataset summary,
 * walkthrough and quiz show no English a reader could see — every visible text and every
 * `title`, `aria-label`, `placeholder` and `alt` is either from a table or marked as data. The
 * pages run with `<html lang="zh-CN">`, so the lessons and quiz questions are the Chinese ones
 * and the code that picks a locale takes its non-English path.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { pageErrors, sendToPage, useWebviewHarness } from './harness';
import { buildPseudoBundles, pseudo, scanForEnglish } from './pseudo';
import { resolveConfig } from '../../src/core/config/resolve';
import { readJsonlLine } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { rowFromResult } from '../../src/core/review/rows';
import { recordView } from '../../src/core/review/view';
import { datasetColumns } from '../../src/core/review/columns';
import { datasetAccumulator, enabledRules } from '../../src/core/node/datasetStats';
import { summarizeTogether } from '../../src/core/review/stats';
import type { ReviewToPage } from '../../src/core/review/protocol';
import { corpusFile } from '../corpus';

/**
 * Words allowed in plain ASCII, each for a reason: names that are the same in every language
 * (methods, trainers, models, formats) and keys to press. Anything else in English is a defect.
 */
const ALLOWED = [
  // Method, model and trainer names, written so in the Chinese texts too.
  'GRPO', 'PPO', 'DAPO', 'TRL', 'verl', 'OpenRLHF', 'Dr', 'DeepSeek', 'R1', 'Zero', 'SFT', 'RL', 'KL', 'LLM',
  // File formats and units.
  'JSON', 'JSONL', 'HTML', 'KiB',
  // Keys to press.
  'Enter', 'Esc', 'Ctrl',
  // The product's own name.
  'CoT', 'Trace',
];

/**
 * The lesson text itself (content/learn/zh-cn/*.md): written in Chinese, with the English terms
 * in brackets and the paper's quotes and citations on purpose, and checked by test/unit/content.
 * The scan of the walkthrough covers the panel around it.
 */
const LESSON_TEXT = ['#section'];
/** The same for the quiz's questions, choices and explanations (content/quiz/questions.zh-cn.json). */
const QUIZ_TEXT = ['.question', '.choice-content', '.explanation', '.prompt'];

/**
 * Text known to be English still, each with where it comes from. Keep this list short: an entry
 * is work left, not data.
 */
const KNOWN_GAPS: string[] = [];

const config = resolveConfig({});

describe('pseudo locale: no hard-coded English in the panels (Chromium)', function () {
  this.timeout(180_000);
  const harness = useWebviewHarness();
  let dist = '';
  let remove = () => {};

  before(async function () {
    this.timeout(120_000);
    ({ dist, remove } = await buildPseudoBundles());
  });
  after(() => remove());

  const open = (bundle: string) => harness.open(bundle, { lang: 'zh-CN', dist });

  async function expectNoEnglish(page: Page, bundle: string, data: string[] = [], skip: string[] = []): Promise<void> {
    const found = await scanForEnglish(page, ALLOWED, data, bundle, [...KNOWN_GAPS, ...skip]);
    assert.deepEqual(found, [], `English outside the tables:\n${found.map((f) => `  ${f.where}: ${JSON.stringify(f.text)}`).join('\n')}`);
    assert.deepEqual(pageErrors(page), []);
  }

  it('the pseudo translation keeps placeholders and TeX and leaves no ASCII letter', () => {
    assert.equal(pseudo('Record {0} · line {1}'), '⟦Ŕéçóŕđ {0} · ĺíñé {1}⟧');
    assert.equal(pseudo('from \\boxed{}'), '⟦ƒŕóɱ \\boxed{}⟧');
    assert.doesNotMatch(pseudo('The quick brown fox {name}').replace(/\{name\}/, ''), /[A-Za-z]/);
  });

  it('the GRPO calculator', async () => {
    const page = await open('calculator');
    await page.waitForSelector('#outputs tbody tr');
    // Everything the calculator can show: the side-by-side conventions, the clipped surrogate, the overlong buffer.
    await page.check('#clip-enabled');
    await page.check('#overlong-enabled');
    await page.click('#add-column');
    await page.fill('#paste', '0, 1, x');
    await page.click('#paste-apply');
    // The seed example's reward column is named `reward`, as a reward function would be: a name the reader types (data).
    await expectNoEnglish(page, 'calculator', ['reward']);
    await page.close();
  });

  /** Records that give the review panel every part to show: findings of each severity, a dataset label that disagrees, a record without a trace. */
  const LINES = [
    JSON.stringify({ id: 'rec-1', prompt: 'What is 1+1?', completion: '<think>One plus one. Wait, that is two.</think>The answer is \\boxed{3}.', answer: '2', is_correct: true, level: 2, model: 'some-model' }),
    JSON.stringify({ prompt: 'Name a colour', completion: 'Blue.' }),
    JSON.stringify({ prompt: 'Compute 2+2', completion: '<think>二加二等于四。 two plus two is four</think>\\boxed{4}', answer: '4' }),
    JSON.stringify({ prompt: 'Nothing here' }),
  ];
  const LABELS = ['mixed-language', 'long-paragraph'];
  const RULES = ['missing-thought', 'answer-incorrect', 'language-mixing'];

  it('the review panel, every record', async () => {
    const page = await open('review');
    const views = LINES.map((text, index) => {
      const record = readJsonlLine(text, { index, line: index, offset: 0 });
      const result = checkRecord(record, config);
      return { row: rowFromResult(result, datasetColumns(text)), view: recordView(record, result, config, undefined, text) };
    });
    const init: ReviewToPage = { type: 'init', file: 'data.jsonl', path: '/data/data.jsonl', total: LINES.length, labels: LABELS, rules: RULES, sidecar: 'data.jsonl.review.jsonl', kind: 'jsonl', reviewer: 'ana', inferred: { field: 'model_response', records: 3, of: 4, setting: '"cotTrace.fields": {"trace": ["model_response"]}', config: '{"fields":{"trace":["model_response"]}}' } };
    await sendToPage(page, init);
    await sendToPage(page, { type: 'progress', phase: 'score', done: 2, total: 4 });
    await sendToPage(page, { type: 'rows', rows: views.map((v) => v.row) });
    await page.click('#list summary');
    // Data the panel shows as given: the file and sidecar names, the reviewer, the labels.
    const data = ['data.jsonl.review.jsonl', 'data.jsonl', 'ana', ...LABELS];
    for (const { view } of views) {
      if (view.index > 0) await page.keyboard.press('j');
      await sendToPage(page, { type: 'record', view });
      await page.waitForSelector(`#record-list tr[data-index="${view.index}"][aria-current="true"]`);
      await page.waitForSelector('#record .record-title');
      await expectNoEnglish(page, 'review', data);
    }
    await page.close();
  });

  it('the dataset summary', async () => {
    const files = ['topology_math500_deepseek_r1.jsonl', 'topology_math500_r1distill_qwen7b.jsonl'];
    const accs = await Promise.all(files.map((f) => datasetAccumulator(corpusFile(f), config)));
    const stats = summarizeTogether(accs, files, enabledRules(config));
    const page = await open('stats');
    await sendToPage(page, { type: 'progress', file: files[0], done: 5, total: 10, fileIndex: 0, files: 2 });
    await sendToPage(page, { type: 'stats', stats, errors: [] });
    await page.waitForSelector('canvas');
    // The file names are data; so are the rule ids in the links' titles (an attribute cannot mark them as code).
    await expectNoEnglish(page, 'stats', [...files, ...enabledRules(config)]);
    await page.close();
  });

  it('the walkthrough, every section', async () => {
    const page = await open('pipeline');
    await page.locator('#section h1').waitFor();
    const count = await page.locator('.toc-link').count();
    for (let k = 0; k < count; k++) {
      await expectNoEnglish(page, 'pipeline', [], LESSON_TEXT);
      await page.keyboard.press('ArrowRight');
    }
    await page.close();
  });

  it('the quiz', async () => {
    const page = await open('quiz');
    await page.locator('.question').waitFor();
    await expectNoEnglish(page, 'quiz', [], QUIZ_TEXT);
    await page.keyboard.press('1');
    await expectNoEnglish(page, 'quiz', [], QUIZ_TEXT);
    await page.close();
  });
});
