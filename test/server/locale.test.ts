import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { open, pullDiagnostics, startClient, type Client, type StartOptions } from './lsp';

const line = (o: unknown) => JSON.stringify(o);
const UNCLOSED = line({ id: 'q1', prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>', answer: '4' });
const WRONG = line({ id: 'q2', prompt: 'What is 2+3?', completion: '<think>\nAdd them.\n</think>\nThe answer is \\boxed{6}.', answer: '5' });
const DATASET = `${UNCLOSED}\n${WRONG}\n`;
const HAN = /[\u4e00-\u9fff]/;

/** What a client sees of the dataset: diagnostics (pulled or pushed), a hover, the lenses and the quick fixes of the unclosed thought. */
async function seen(options: StartOptions): Promise<{ diagnostics: Diagnostic[]; hover: string; lenses: string[]; fixes: string[]; assumed: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cot-lsp-locale-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'data.jsonl'), DATASET);
  const uri = pathToFileURL(join(dir, 'data.jsonl')).href;
  const client: Client = await startClient({ rootPath: dir, ...options });
  try {
    await open(client, uri, 'jsonl', DATASET);
    const diagnostics = options.pull === false ? (await client.waitForPush(uri, (p) => p.diagnostics.length > 0)).diagnostics : (await pullDiagnostics(client, uri)).items!;
    const hover: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 60 } });
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const unclosed = diagnostics.find((d) => d.code === 'unclosed-thought')!;
    assert.ok(unclosed, JSON.stringify(diagnostics));
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: unclosed.range, context: { diagnostics: [unclosed] } });
    // The language status item's "convention assumed" comes from the server too.
    const summaries = client.notifications.filter((n) => n.method === 'cotTrace/documentSummary').map((n) => n.params as { assumed?: string });
    return {
      assumed: summaries.map((p) => p.assumed).filter((a) => a !== undefined).pop() ?? '',
      diagnostics,
      hover: (hover?.contents as { value: string } | undefined)?.value ?? '',
      lenses: lenses.map((l) => l.command?.title ?? ''),
      // The config file's folder is a fresh temporary one: named the same in every run.
      fixes: actions.map((a) => a.title.replace(/cot-lsp-locale-[^/]+/, 'DIR')),
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const message = (items: Diagnostic[], code: string) => {
  const found = items.find((d) => d.code === code);
  return found ? text(found) : `(no ${code})`;
};

describe('language server: messages in the client\u2019s locale', function () {
  this.timeout(60000);

  it('zh-cn in initializationOptions: Chinese diagnostics, hover, code lenses and quick-fix titles', async () => {
    const zh = await seen({ initializationOptions: { locale: 'zh-cn' } });
    assert.equal(message(zh.diagnostics, 'unclosed-thought'), '#1 q1 · `<think>`从未关闭：请在答案之前加上 `</think>`。');
    assert.match(message(zh.diagnostics, 'answer-incorrect'), /^#2 q2 · 最终答案 6 与标准答案 5 不符/);
    for (const d of zh.diagnostics) assert.match(text(d), HAN, text(d));
    assert.match(zh.hover, /^### 记录 2 · q2/);
    assert.equal(zh.assumed, '未假定（每条推理轨迹各自评判；最常见的格式约定占 2 条推理轨迹的 50%）');
    assert.match(zh.hover, /\| 奖励 \| 值 \| 权重 \| 贡献 \|/);
    assert.match(zh.hover, /答案：`6`（取自 \\boxed\{\}）/);
    assert.match(zh.lenses[1], /^奖励 [\d.]+ · 格式 ✓ · 语言 1 · 准确率 ✗$/);
    assert.ok(zh.fixes.includes('在答案之前插入 </think>'), zh.fixes.join(' | '));
    assert.ok(zh.fixes.includes('查看 unclosed-thought 的文档'), zh.fixes.join(' | '));
    assert.ok(zh.fixes.some((t) => /^在 .*\.cot-trace\.json 中停用 unclosed-thought/.test(t)), zh.fixes.join(' | '));
  });

  it('en: the English texts, the same as without a locale', async () => {
    const en = await seen({ initializationOptions: { locale: 'en' }, locale: 'zh-cn' });
    const none = await seen({});
    assert.equal(message(en.diagnostics, 'unclosed-thought'), '#1 q1 · `<think>` is never closed: add `</think>` before the answer.');
    assert.deepEqual(en, none);
    assert.match(en.hover, /^### Record 2 · q2/);
    assert.equal(en.assumed, 'none assumed (each trace judged on its own; the most common convention holds 50% of 2 traces)');
    assert.ok(en.fixes.includes('Insert </think> before the answer'), en.fixes.join(' | '));
    for (const shown of [...en.diagnostics.map(text), en.hover, ...en.lenses, ...en.fixes]) assert.doesNotMatch(shown, HAN, shown);
  });

  it('without initializationOptions.locale, the initialize request\u2019s locale (zh-CN) is used', async () => {
    const zh = await seen({ locale: 'zh-CN' });
    assert.match(message(zh.diagnostics, 'unclosed-thought'), /从未关闭/);
    assert.ok(zh.fixes.includes('在答案之前插入 </think>'));
  });

  it('pushed diagnostics, written from the prebuilt per-record JSON, are in Chinese too', async () => {
    const zh = await seen({ pull: false, initializationOptions: { locale: 'zh-cn' } });
    assert.equal(message(zh.diagnostics, 'unclosed-thought'), '#1 q1 · `<think>`从未关闭：请在答案之前加上 `</think>`。');
  });
});
