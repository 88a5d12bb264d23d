/**
 * The calculator, the review panel and the dataset summary in Simplified Chinese: with
 * `<html lang="zh-CN">` (VS Code's display language, as the extension sets it) each shows its
 * Chinese labels, and no page error.
 */
import { strict as assert } from 'node:assert';
import { pageErrors, sendToPage, useWebviewHarness } from './harness';
import { resolveConfig } from '../../src/core/config/resolve';
import { readJsonlLine } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import { rowFromResult } from '../../src/core/review/rows';
import { recordView } from '../../src/core/review/view';
import { formatMessage } from '../../src/core/messages';

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

  it('a record in the review panel: findings from the catalogue in Chinese, reward names, the record title', async () => {
    const page = await harness.open('review', { lang: 'zh-CN' });
    const text = JSON.stringify({ id: 'q7', prompt: 'What is 1+1?', completion: '<think>One plus one.</think>\\boxed{3}', answer: '2' });
    const record = readJsonlLine(text, { index: 0, line: 4, offset: 0 });
    const result = checkRecord(record, resolveConfig({}));
    const incorrect = result.findings.find((f) => f.ruleId === 'answer-incorrect')!;
    await sendToPage(page, { type: 'init', file: 'data.jsonl', path: '/tmp/data.jsonl', total: 1, labels: [], rules: ['answer-incorrect'], sidecar: 'data.review.jsonl', kind: 'jsonl', position: 0, reviewer: '' });
    await sendToPage(page, { type: 'rows', rows: [rowFromResult(result)] });
    await sendToPage(page, { type: 'record', view: recordView(record, result, resolveConfig({}), undefined, text) });
    await page.waitForSelector('#record .findings');
    assert.equal(await page.textContent('#record .record-title'), '记录 1 · q7 · 第 5 行');
    const messages = await page.$$eval('#record .finding .message', (els) => els.map((e) => e.textContent));
    assert.ok(messages.includes(formatMessage(incorrect.l10n!.id, incorrect.l10n!.args, 'zh-cn')), messages.join('\n'));
    assert.match(messages.join(''), /与标准答案 2 不符/);
    // The severity is a label before the message: the full-width colon, as Chinese writes it.
    assert.match((await page.textContent('#record .finding.' + incorrect.severity)) ?? '', / (错误|警告|提示)：最终答案/);
    // The comparison's reason comes in Chinese inside the message (no English left).
    assert.match(messages.join(''), /（数值不同（3 与 2））/);
    const rewards = await page.$$eval('#record table.rewards td:first-child', (els) => els.map((e) => e.textContent));
    assert.ok(rewards.includes('格式奖励 format') && rewards.includes('准确率奖励 accuracy') && rewards.includes('语言一致性奖励 language'), rewards.join(', '));
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('the calculator says in Chinese which pasted value is not a number', async () => {
    const page = await harness.open('calculator', { lang: 'zh-CN' });
    await page.fill('#paste', '0, 1, x');
    await page.click('#paste-apply');
    assert.equal(await page.textContent('#paste-message'), '这些不是奖励：x 不是数字。');
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
