/**
 * The calculator, the review panel and the dataset summary in Simplified Chinese: with
 * `<html lang="zh-CN">` (VS Code's display language, as the extension sets it) each shows its
 * Chinese labels, and no page error.
 */
import { strict as assert } from 'node:assert';
import { pageErrors, sendToPage, useWebviewHarness } from './harness';

describe('calculator, review and summary in Simplified Chinese (Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  it('the GRPO calculator', async () => {
    const page = await harness.open('calculator', { lang: 'zh-CN' });
    await page.waitForSelector('#outputs tbody tr');
    assert.equal(await page.textContent('h1'), 'GRPO（组相对策略优化）计算器');
    assert.equal(await page.textContent('#advantage-head'), '优势');
    assert.match((await page.textContent('#notice')) ?? '', /高于组均值的输出得到鼓励/);
    assert.equal(await page.getAttribute('#label-0', 'aria-label'), '输出 1 的标签');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the review panel', async () => {
    const page = await harness.open('review', { lang: 'zh-CN' });
    assert.equal(await page.textContent('#title'), '数据集审阅');
    assert.equal(await page.textContent('#accept'), '接受（a）');
    assert.equal(await page.getAttribute('#f-search', 'placeholder'), '搜索文本（Enter）');
    await sendToPage(page, { type: 'init', file: 'data.jsonl', path: '/tmp/data.jsonl', total: 3, labels: [], rules: ['missing-thought'], sidecar: 'data.review.jsonl', kind: 'jsonl', position: 0, reviewer: '' });
    await page.waitForFunction(() => document.getElementById('title')?.textContent === '审阅 · data.jsonl');
    assert.match((await page.textContent('#done')) ?? '', /^已审阅 \d+ \/ \d+$/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the dataset summary', async () => {
    const page = await harness.open('stats', { lang: 'zh-CN' });
    assert.equal(await page.textContent('h1'), '数据集概况');
    assert.equal(await page.textContent('#save-html'), '保存 HTML 报告…');
    assert.equal(await page.textContent('#progress-text'), '正在计算…');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
