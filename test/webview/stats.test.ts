import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { pageErrors, posted, screenshotDir, sendToPage, useWebviewHarness } from './harness';
import { applyTheme, DARK, LIGHT } from './learnTheme';
import { join } from 'node:path';
import { resolveConfig } from '../../src/core/config/resolve';
import { datasetAccumulator, enabledRules } from '../../src/core/node/datasetStats';
import { summarizeTogether, type DatasetStats } from '../../src/core/review/stats';
import { corpusFile } from '../corpus';

const config = resolveConfig({});
const FILES = ['topology_math500_deepseek_r1.jsonl', 'topology_math500_r1distill_qwen7b.jsonl', 'skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl'];

async function summarise(labels: string[], files = FILES): Promise<DatasetStats[]> {
  const accs = await Promise.all(files.map((f) => datasetAccumulator(corpusFile(f), config)));
  return summarizeTogether(accs, labels, enabledRules(config));
}

/** Clicks across a canvas until the page posts a message. */
async function clickBar(page: Page, selector: string): Promise<Record<string, unknown> | undefined> {
  const canvas = (await page.$(selector))!;
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const before = ((await posted(page)) as unknown[]).length;
  for (let x = box.x + 30; x < box.x + box.width; x += 6) {
    await page.mouse.click(x, box.y + box.height / 2);
    const now = (await posted(page)) as Array<Record<string, unknown>>;
    if (now.length > before) return now[now.length - 1];
  }
  return undefined;
}

describe('dataset summary panel (Chromium)', function () {
  this.timeout(180_000);
  const harness = useWebviewHarness();
  let stats: DatasetStats[];
  let steps: DatasetStats[];

  before(async function () {
    this.timeout(120_000);
    stats = await summarise(['deepseek_r1.jsonl', 'r1distill_qwen7b.jsonl', '<b>sky-t1</b>.jsonl']);
    // The same files named as checkpoints of one run, out of order.
    steps = await summarise(['run/global_step_300.jsonl', 'run/global_step_100.jsonl', 'run/global_step_200.jsonl'], [FILES[1], FILES[0], FILES[2]]);
  });

  it('shows the numbers, unboxed apart from incorrect, the dataset’s own label, overlaid histograms on shared bins, and asks for the HTML report', async () => {
    const page = await harness.open('stats');
    await sendToPage(page, { type: 'progress', file: 'deepseek_r1.jsonl', done: 50, total: 100, fileIndex: 0, files: 3 });
    assert.match((await page.textContent('#progress-text')) ?? '', /1 of 3\) · 50%/);
    await sendToPage(page, { type: 'stats', stats, errors: ['missing.jsonl: no such file'] });
    await page.waitForSelector('#reward-0');
    const summary = await page.$$eval('#summary tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
    assert.deepEqual(summary[0], ['records', '20', '20', '12']);
    // 19 of 20: the dataset's own label says 13, but its extractor misread six right answers
    // (\((3, \frac{\pi}{2})\) read as 2, \frac{14}{3} as 3, \boxed{90} against 90^\circ, Evelyn as 0.21, …).
    assert.match(summary[4][1] ?? '', /95\.0% of 20/);
    // Answers: correct and not boxed counted apart; the dataset's label beside ours.
    const answers = await page.$$eval('#answers tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
    const v = stats[0].verdicts;
    assert.equal(v.correct + v['unboxed-correct'], 19);
    assert.ok(v['unboxed-correct'] > 0, 'some answers are not boxed');
    assert.match(answers[1][1] ?? '', new RegExp(`^${v['unboxed-correct']} `));
    assert.match(answers[6][1] ?? '', /65\.0% correct by is_correct \(13 of 20\)/);
    assert.equal(answers[7][1], '6 records');
    await page.click('#disagree-0');
    assert.deepEqual(((await posted(page)) as unknown[]).pop(), { type: 'openRecords', file: 0, filter: { disagree: true, note: 'the dataset’s label disagrees with ours in deepseek_r1.jsonl' } });
    // The file name is text, not markup.
    assert.equal(await page.$$eval('#content b', (b) => b.length), 0);
    assert.ok((await page.textContent('#content'))?.includes('<b>sky-t1</b>.jsonl'));
    // One chart per measure, one dataset per file, on the same bins; rewards as one bar per value.
    const reward = await page.$eval('#reward-0', (c) => ({ values: JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[][], kind: (c as HTMLElement).dataset.kind, labels: JSON.parse((c as HTMLElement).dataset.labels ?? '[]') as string[] }));
    assert.equal(reward.kind, 'discrete');
    assert.deepEqual(reward.values.map((counts) => counts.reduce((a, b) => a + b, 0)), stats.map((s) => s.reward.count));
    assert.deepEqual(reward.labels, stats[0].reward.histogram.values!.map(String));
    assert.ok(reward.values.every((counts) => counts.length === reward.labels.length));
    const length = await page.$eval('#length-0', (c) => (c as HTMLElement).dataset.kind);
    assert.equal(length, stats[0].thoughtChars.histogram.kind);
    // Not checkpoints: no trend line, and it says why.
    assert.equal(await page.$('#trend-length'), null);
    assert.match((await page.textContent('#no-trend')) ?? '', /global_step_500/);
    assert.equal(await page.$$eval('canvas', (c) => c.length), 3 + 3 * 2);
    await page.waitForTimeout(200);
    const painted = await page.$eval('#reward-0', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    assert.ok(painted > 500, `painted ${painted}`);
    assert.match((await page.textContent('#errors')) ?? '', /missing\.jsonl/);
    assert.ok((await page.$$eval('#rules tbody tr', (r) => r.length)) >= 10);
    await page.click('#save-html');
    assert.deepEqual(((await posted(page)) as unknown[]).pop(), { type: 'exportHtml' });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('draws trend lines only across checkpoints of one run, ordered by step, and sorts the rule table by difference', async () => {
    const page = await harness.open('stats');
    await sendToPage(page, { type: 'stats', stats: steps, errors: [] });
    await page.waitForSelector('#trend-length');
    const order = [1, 2, 0]; // steps 100, 200, 300
    const trend = await page.$eval('#trend-length', (c) => JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[]);
    assert.deepEqual(trend, order.map((k) => steps[k].thoughtChars.mean));
    const response = await page.$eval('#trend-response', (c) => JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[]);
    assert.deepEqual(response, order.map((k) => steps[k].responseChars!.mean));
    assert.ok(response.every((r, i) => r! >= trend[i]!), 'a response is at least its thought');
    const reflection = await page.$eval('#trend-reflection', (c) => JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[]);
    assert.deepEqual(reflection, order.map((k) => steps[k].reflectionRate.mean));
    const header = await page.$$eval('#rules thead th', (t) => t.map((x) => x.textContent));
    assert.equal(header[header.length - 1], 'difference');
    const diffs = await page.$$eval('#rules tbody tr', (rows) => rows.map((r) => r.lastElementChild?.textContent ?? ''));
    const sizes = diffs.map((d) => Number(d.replace(/[^\d.]/g, '')));
    assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a), `sorted by size: ${diffs}`);
    assert.ok(sizes[0] > 0);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('a click on a reward bar or a rule’s rate asks for those records in the review panel', async () => {
    const page = await harness.open('stats');
    await sendToPage(page, { type: 'stats', stats, errors: [] });
    await page.waitForSelector('#reward-0');
    await page.waitForTimeout(200);
    const bar = await clickBar(page, '#reward-0');
    assert.ok(bar, 'a bar was hit');
    const filter = bar.filter as { minReward: number; maxReward: number; note: string };
    assert.equal(bar.type, 'openRecords');
    assert.equal(filter.minReward, filter.maxReward, 'a discrete reward opens exactly that value');
    assert.ok(stats[bar.file as number].reward.histogram.values!.includes(filter.minReward));
    assert.match(filter.note, /^total reward /);
    const rule = await page.$('#rules tbody button.link');
    assert.ok(rule, 'a failing rule’s rate is a link');
    const ruleId = await rule.evaluate((b) => b.closest('tr')!.firstElementChild!.textContent);
    await rule.click();
    const message = ((await posted(page)) as Array<{ type: string; file: number; filter: { rule: string } }>).pop();
    assert.equal(message?.type, 'openRecords');
    assert.equal(message?.filter.rule, ruleId);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  for (const [name, vars, cls] of [['dark', DARK, 'vscode-dark'], ['light', LIGHT, 'vscode-light']] as const) {
    it(`fits 900 px and 1600 px in the ${name} theme (screenshots)`, async () => {
      const page = await harness.open('stats', { theme: cls });
      await applyTheme(page, vars, cls);
      await sendToPage(page, { type: 'stats', stats: steps, errors: [] });
      await page.waitForSelector('#trend-length');
      for (const width of [1600, 900]) {
        await page.setViewportSize({ width, height: 1000 });
        await page.waitForTimeout(250);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no horizontal overflow at ${width} px (${overflow})`);
        await page.screenshot({ path: join(screenshotDir(), `stats-${width}-${name}.png`), fullPage: true });
      }
      assert.deepEqual(pageErrors(page), []);
      await page.close();
    });
  }
});
