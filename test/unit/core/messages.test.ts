import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordBreakdown, recordSummary } from '../../../src/core/breakdown';
import { readCot, readJsonDocument, readJsonl } from '../../../src/core/documents';
import { checkRecord } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { MESSAGES, formatMessage, localeOf, localizeFinding, localizeFix, placeholders, render, type Localized } from '../../../src/core/messages';
import { RULES } from '../../../src/core/rules';
import type { Finding, RecordResult } from '../../../src/core/types';
import { checkFixture, readFixture } from '../rules/fixtures.test';

const HAN = /[\u4e00-\u9fff]/;
/** Chinese characters or full-width punctuation (a message that is only `（{reason}）`). */
const CHINESE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
/** Messages whose Chinese has, rightly, no Chinese of its own (a JSON keyword; two sentences run together, as Chinese writes them). */
const SAME_IN_BOTH = new Set(['kind.null', 'kind.a-null', 'config.check.joined']);

/** Every id a message refers to, itself and its nested arguments. */
function ids(message: Localized): string[] {
  const nested = Object.values(message.args ?? {}).filter((a): a is Localized => typeof a === 'object');
  return [message.id, ...nested.flatMap(ids)];
}

/** A finding's message is a message of the catalogue, rendered the same in English, and complete in Chinese. */
function assertLocalizable(finding: Finding, where: string): void {
  assert.ok(finding.l10n, `${where}: ${finding.ruleId} reported "${finding.message}" without a message id`);
  for (const id of ids(finding.l10n)) assert.ok(id in MESSAGES, `${where}: ${id} is not in the catalogue`);
  assert.equal(render(finding.l10n, 'en'), finding.message, `${where}: the English of ${finding.l10n.id} is the finding's message`);
  const zh = localizeFinding(finding, 'zh-cn');
  assert.doesNotMatch(zh, /\{[a-zA-Z][a-zA-Z0-9]*\}/, `${where}: an argument is missing in "${zh}"`);
  assert.match(zh, HAN, `${where}: "${zh}" is Chinese`);
  for (const fix of finding.fixes ?? []) {
    assert.ok(fix.l10n, `${where}: the fix "${fix.title}" has no message id`);
    assert.equal(render(fix.l10n, 'en'), fix.title);
    assert.match(localizeFix(fix, 'zh-cn'), HAN);
  }
}

describe('message catalogue', () => {
  it('has every message in English and Chinese, with the same arguments', () => {
    const problems: string[] = [];
    for (const [id, text] of Object.entries(MESSAGES) as Array<[string, { en?: string; zh?: string }]>) {
      if (!text.en) problems.push(`${id}: no English`);
      if (!text.zh) problems.push(`${id}: no Chinese`);
      if (!text.en || !text.zh) continue;
      const en = placeholders(text.en).join(',');
      const zh = placeholders(text.zh).join(',');
      if (en !== zh) problems.push(`${id}: English has {${en}}, Chinese has {${zh}}`);
      if (!SAME_IN_BOTH.has(id) && !CHINESE.test(text.zh)) problems.push(`${id}: the Chinese text has no Chinese`);
    }
    assert.deepEqual(problems, []);
  });

  it('the check above fails on a missing translation or a changed argument', () => {
    // The same comparison on a table that is wrong on purpose.
    const wrong = { a: { en: 'Paragraph of {chars} characters', zh: '段落有 {count} 个字符' } };
    assert.notEqual(placeholders(wrong.a.en).join(), placeholders(wrong.a.zh).join());
    assert.deepEqual(placeholders('\\boxed{} and {"results": [...]} and {n}'), ['n']);
  });

  it('renders nested messages in the same locale and leaves arguments as written', () => {
    const message: Localized = { id: 'truncated.incomplete', args: { where: { id: 'section.thought' }, length: 42 } };
    assert.equal(render(message, 'en'), 'The text ends inside the thought without closing it (42 characters): the output is incomplete; drop or regenerate it.');
    assert.equal(render(message, 'zh-cn'), '文本在思考内部结束且没有关闭（42 个字符）：输出不完整；请丢弃或重新生成。');
    assert.equal(formatMessage('duplicate-tag.fix', { tag: '`{x}`' }, 'zh-cn'), '删除这个 `{x}`');
  });

  it('reads the locale from editor tags and POSIX locales', () => {
    for (const tag of ['zh-cn', 'zh-CN', 'zh', 'zh-Hans', 'zh-Hans-CN', 'zh_CN.UTF-8', 'zh_SG', 'ZH-CN']) assert.equal(localeOf(tag), 'zh-cn', tag);
    for (const tag of ['en', 'en-US', 'C', 'POSIX', 'C.UTF-8', 'zh-TW', 'zh-Hant', 'zh_TW.UTF-8', 'fr', '', undefined, null]) assert.equal(localeOf(tag), 'en', String(tag));
  });

  it('every finding of every rule fixture carries an id of the catalogue, and so does every fix', () => {
    const dir = resolve(__dirname, '../../fixtures/rules');
    const fired = new Set<string>();
    let fixes = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cot'))) {
      const result = checkFixture(readFixture(file));
      for (const finding of result.findings) {
        assertLocalizable(finding, file);
        fired.add(finding.l10n!.id);
        fixes += finding.fixes?.length ?? 0;
      }
    }
    // Every rule is reached (so a rule that reports a bare string cannot hide), and so are the fixes.
    for (const rule of RULES) assert.ok([...fired].some((id) => id === rule.meta.id || id.startsWith(`${rule.meta.id}.`)), `${rule.meta.id} fired`);
    assert.ok(fixes > 0);
  });

  it('the readers\u2019 and the engine\u2019s own findings carry ids too', () => {
    const findings: Array<[string, Finding]> = [];
    const collect = (where: string, results: RecordResult[]) => results.forEach((r) => r.findings.forEach((f) => findings.push([where, f])));
    const config = resolveConfig({});
    const check = (records: ReturnType<typeof readJsonl>) => records.map((r) => checkRecord(r, config));
    collect('jsonl', check(readJsonl('{"output": "x"\n{"a": 1}\n{}\n[1]\n"s"\n{"data_source": "d", "prompt": [{"role": "user", "content": "q"}], "ability": "math", "reward_model": {"style": "rule", "ground_truth": "1"}}\n')));
    collect('json', check(readJsonDocument('{"a": [1, }').records));
    collect('json', check(readJsonDocument('42').records));
    collect('cot', check(readCot('User: hello\n')));
    const ruleIds = new Set(findings.map(([, f]) => f.l10n?.id));
    for (const id of ['reader.invalid-json-line', 'reader.invalid-json', 'reader.no-trace', 'reader.unsupported-document']) assert.ok(ruleIds.has(id), `${id} in ${[...ruleIds].join(', ')}`);
    for (const [where, finding] of findings) assertLocalizable(finding, where);
  });

  it('gives the summaries and breakdowns in Chinese, the English unchanged', () => {
    const file = readdirSync(resolve(__dirname, '../../fixtures/rules')).find((f) => f.startsWith('answer-incorrect'));
    assert.ok(file, 'an answer-incorrect fixture');
    const result = checkFixture(readFixture(file));
    assert.match(recordSummary(result), /^reward [\d.]+ · format /);
    assert.match(recordSummary(result, 'zh-cn'), /^奖励 [\d.]+ · 格式 /);
    const zh = recordBreakdown(result, undefined, 'zh-cn');
    assert.match(zh, /^### 记录 1/);
    assert.match(zh, /\| 奖励 \| 值 \| 权重 \| 贡献 \|/);
    assert.match(zh, /语言一致性/);
    assert.match(recordBreakdown(result), /^### Record 1\n\n\*\*|^### Record 1\n\n\| reward \| value \| weight \| contribution \|/);
  });
});
