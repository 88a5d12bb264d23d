import { strict as assert } from 'node:assert';
import { pageErrors, posted, screenshotDir, sendToPage, useWebviewHarness } from './harness';
import { join } from 'node:path';
import { resolveConfig } from '../../src/core/config/resolve';
import { datasetStats } from '../../src/core/node/datasetStats';
import type { DatasetStats } from '../../src/core/review/stats';
import { corpusFile } from '../corpus';

describe('dataset summary panel (Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();
  let stats: DatasetStats[];

  before(async function () {
    const config = resolveConfig({});
    stats = [
      await datasetStats(corpusFile('topology_math500_deepseek_r1.jsonl'), 'deepseek_r1.jsonl', config),
      await datasetStats(corpusFile('topology_math500_r1distill_qwen7b.jsonl'), 'r1distill_qwen7b.jsonl', config),
      await datasetStats(corpusFile('skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl'), '<b>sky-t1</b>.jsonl', config),
    ];
  });

  it('shows the numbers, per-file histograms and the across-files trend lines, and asks for the HTML report', async () => {
    const page = await harness.open('stats');
    await sendToPage(page, { type: 'progress', file: 'deepseek_r1.jsonl', done: 50, total: 100, fileIndex: 0, files: 3 });
    assert.match((await page.textContent('#progress-text')) ?? '', /1 of 3\) · 50%/);
    await sendToPage(page, { type: 'stats', stats, errors: ['missing.jsonl: no such file'] });
    await page.waitForSelector('#trend-length');
    const summary = await page.$$eval('#summary tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
    assert.deepEqual(summary[0], ['records', '20', '20', '12']);
    assert.match(summary[4][1] ?? '', /90\.0% of 20/);
    // The file name is text, not markup.
    assert.equal(await page.$$eval('#content b', (b) => b.length), 0);
    assert.ok((await page.textContent('#content'))?.includes('<b>sky-t1</b>.jsonl'));
    const trend = await page.$eval('#trend-length', (c) => JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[]);
    assert.deepEqual(trend, stats.map((s) => s.thoughtChars.mean));
    assert.ok(trend[1] > trend[0], 'the distilled model thinks longer on these problems');
    const rewardCounts = await page.$eval('#reward-0', (c) => JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[]);
    assert.equal(rewardCounts.reduce((a, b) => a + b, 0), 20);
    assert.equal(await page.$$eval('canvas', (c) => c.length), 2 + 3 * 5);
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
    assert.deepEqual(await posted(page), [{ type: 'ready' }, { type: 'exportHtml' }]);
    await page.screenshot({ path: join(screenshotDir(), 'stats.png'), fullPage: true });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
