/**
 * Config warnings, the command-line flags' errors and the operating system's error reasons in
 * the user's locale: each is a message of the catalogue, English as before, Chinese under zh-cn.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromFlags, parseConfigText, FlagError } from '../../../src/core/config/load';
import { configProblemTexts, configProblems } from '../../../src/core/config/resolve';
import { configForFile, configLoader, readConfigFile } from '../../../src/core/node/config';
import { parseSidecar } from '../../../src/core/review/sidecar';
import { describeError } from '../../../src/core/node/outputFile';
import { render } from '../../../src/core/messages';

const HAN = /[\u4e00-\u9fff]/;

function flagError(flags: Parameters<typeof configFromFlags>[0]): FlagError {
  try {
    configFromFlags(flags);
  } catch (error) {
    assert.ok(error instanceof FlagError, String(error));
    return error;
  }
  assert.fail('no error');
}

describe('config warnings and flag errors in Chinese', () => {
  it('the problems of a config text keep their English message and render in Chinese', () => {
    const { problems } = parseConfigText('{"weights": 3, "foo": 1, "preset": "x", "fields": {"trace": "a[["}}');
    const en = problems.map((p) => p.message);
    assert.ok(en.includes('"weights" must be an object'), en.join('\n'));
    assert.ok(en.includes('unknown setting "foo"'), en.join('\n'));
    for (const p of problems) {
      assert.equal(render(p.l10n, 'en'), p.message);
      assert.match(render(p.l10n, 'zh-cn'), HAN, p.message);
    }
    assert.deepEqual(
      problems.map((p) => render(p.l10n, 'zh-cn')),
      ['"weights" 必须是一个对象', '未知的设置 "foo"', '"preset" 必须是 "default" 或 "open-r1"，而不是 "x"', 'fields.trace："a[[" 不是字段路径（键之间用点分隔，下标写在方括号中：results[*].model_output）'],
    );
    assert.equal(render(parseConfigText('{"a": }').problems[0].l10n, 'zh-cn'), '语法错误：ValueExpected');
  });

  it('--rule and --weights errors carry a message id: English text, Chinese rendering', () => {
    const rule = flagError({ rule: ['foo=loud'] });
    assert.equal(rule.message, '--rule foo=loud: severity must be one of off, info, warning, error');
    assert.equal(render(rule.l10n, 'zh-cn'), '--rule foo=loud：严重级别必须是 off, info, warning, error 之一');
    assert.equal(render(flagError({ weights: ['format=x'] }).l10n, 'zh-cn'), '--weights format=x：“x”不是数字');
    assert.match(render(flagError({ weights: ['zz=1'] }).l10n, 'zh-cn'), /^--weights：未知的奖励 "zz"（已知：format, /);
    assert.equal(render(flagError({ rule: ['nothing'] }).l10n, 'zh-cn'), '--rule nothing：应为 ID=off|info|warning|error 的形式');
    const unknown = (() => {
      try {
        configLoader({ flags: { rule: ['nope=off', 'nada=off'] } }, tmpdir(), () => {}, 'zh-cn');
      } catch (error) {
        return error as FlagError;
      }
      return assert.fail('no error');
    })();
    assert.equal(unknown.message, 'Unknown rule "nope". Unknown rule "nada".');
    assert.equal(render(unknown.l10n, 'zh-cn'), '未知的规则 "nope"。未知的规则 "nada"。');
  });

  it('unknown rules, options and presets are messages of the catalogue too', () => {
    const user = { rules: { nope: 'off' as const }, preset: 'zzz' as never, weights: { zz: 1 } as never };
    assert.deepEqual(configProblems(user), configProblemTexts(user).map((t) => t.message));
    assert.deepEqual(configProblemTexts(user).map((t) => render(t.l10n, 'zh-cn')), ['未知的规则 "nope"。', '未知的预设 "zzz"。', 'weights 中有未知的奖励 "zz"。']);
  });

  it("a bad rule option says what is wrong with it in the user's locale", () => {
    const user = { rules: { 'repetition-loop': { severity: 'warning' as const, minRepeats: 2.5, maxPeriod: 0 }, 'long-paragraph': { maxChars: 'many' } } } as never;
    const texts = configProblemTexts(user);
    assert.deepEqual(texts.map((t) => t.message), [
      'Rule "repetition-loop": option "minRepeats" must be a whole number, not 2.5; the default (3) is used.',
      'Rule "repetition-loop": option "maxPeriod" must be at least 1, not 0; the default (64) is used.',
      'Rule "long-paragraph": option "maxChars" must be a whole number, not "many"; the default (3000) is used.',
    ]);
    assert.deepEqual(texts.map((t) => render(t.l10n, 'zh-cn')), [
      '规则 "repetition-loop"：选项 "minRepeats" 必须是整数，而不是 2.5；改用默认值（3）。',
      '规则 "repetition-loop"：选项 "maxPeriod" 不能小于 1，而这里是 0；改用默认值（64）。',
      '规则 "long-paragraph"：选项 "maxChars" 必须是整数，而不是 "many"；改用默认值（3000）。',
    ]);
  });

  it('a config file is reported as FILE: config: … in English, FILE: 配置：… in Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cot-cfg-'));
    try {
      const file = join(dir, '.cot-trace.json');
      writeFileSync(file, '{"weights": 3}');
      assert.deepEqual(readConfigFile(file, 'cfg.json').problems, ['cfg.json: config: "weights" must be an object']);
      assert.deepEqual(readConfigFile(file, 'cfg.json', 'zh-cn').problems, ['cfg.json: 配置："weights" 必须是一个对象']);
      const lines: string[] = [];
      configLoader({ config: file }, dir, (line) => lines.push(line), 'zh-cn');
      assert.deepEqual(lines, [`${file}: 配置："weights" 必须是一个对象`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the editor faces: config warnings and the decisions file in Chinese', () => {
  it('configForFile says the problems of the nearest config file in the locale it is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cot-cfg-'));
    try {
      writeFileSync(join(dir, '.cot-trace.json'), '{"foo": 1}');
      const data = join(dir, 'a.jsonl');
      assert.deepEqual(configForFile(data, { roots: [dir], locale: 'zh-cn' }).problems, [`${join(dir, '.cot-trace.json')}: 配置：未知的设置 "foo"`]);
      assert.deepEqual(configForFile(data, { roots: [dir] }).problems, [`${join(dir, '.cot-trace.json')}: config: unknown setting "foo"`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the review's decisions file reports its bad lines with message ids", () => {
    const { problems } = parseSidecar('not json\n{"x": 1}\n{"i": 0, "h"');
    assert.deepEqual(problems.map((p) => p.message), ['not valid JSON; skipped', 'not a review entry (needs i, h, d); skipped', 'the last line is incomplete (an interrupted write); it was ignored']);
    assert.deepEqual(problems.map((p) => render(p.l10n, 'zh-cn')), ['不是有效的 JSON；已跳过', '不是审阅条目（需要 i、h、d）；已跳过', '最后一行不完整（写入被中断）；已忽略']);
  });
});

describe('operating-system error reasons in Chinese', () => {
  const error = (code: string) => Object.assign(new Error(`${code}: something`), { code });
  it('the sentence around the code is in the locale; the code stays as it is', () => {
    assert.equal(describeError(error('ENOSPC')), 'no space left on device (ENOSPC)');
    assert.equal(describeError(error('ENOSPC'), 'zh-cn'), '设备上没有剩余空间（ENOSPC）');
    assert.equal(describeError(error('EACCES'), 'zh-cn'), '权限不足（EACCES）');
    assert.equal(describeError(error('EROFS'), 'zh-cn'), '文件系统是只读的（EROFS）');
    // A code without a sentence of its own is given as it is.
    assert.equal(describeError(error('EWEIRD'), 'zh-cn'), 'EWEIRD');
  });
});
