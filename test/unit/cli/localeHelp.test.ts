import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtCliAndFolder, C, cot, ZH } from './localeEnv';

const LINE = JSON.stringify({ id: 'q1', prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n</think>\n<answer>\\boxed{4}</answer>', answer: '4' }) + '\n';

describe('cot-trace CLI: help, notes, stats and advantages follow the locale', function () {
  this.timeout(120_000);
  const folder = builtCliAndFolder('cot-zh-');

  it('--help is in Chinese under LANG=zh_CN.UTF-8 and with --lang zh-cn, English otherwise', () => {
    const env = cot(ZH, ['--help']);
    assert.equal(env.status, 0, env.stderr);
    assert.match(env.stdout, /^用法：/);
    assert.ok(env.stdout.includes('命令：'), env.stdout);
    assert.ok(env.stdout.includes('格式奖励'), env.stdout);
    assert.ok(!env.stdout.includes('display help for command'), env.stdout);
    const flag = cot(C, ['lint', '--help', '--lang', 'zh-cn']);
    assert.equal(flag.status, 0, flag.stderr);
    assert.ok(flag.stdout.includes('报告推理轨迹文件中的问题'), flag.stdout);
    assert.ok(flag.stdout.includes('可选值：'), flag.stdout);
    assert.ok(!/report problems|output format/.test(flag.stdout), flag.stdout);
    const en = cot(C, ['lint', '--help']);
    assert.match(en.stdout, /^Usage: cot-trace lint/);
    assert.ok(en.stdout.includes('report problems in trace files'));
    // --lang wins over the environment, both ways.
    assert.match(cot({ LC_ALL: 'zh_CN.UTF-8' }, ['stats', '--help', '--lang', 'en']).stdout, /^Usage: cot-trace stats/);
  });

  it('notes and errors on standard error are in Chinese', () => {
    const missing = cot(ZH, ['lint', join(folder(), 'nope.jsonl')]);
    assert.equal(missing.status, 2);
    assert.ok(missing.stderr.includes('无法读取') && missing.stderr.includes('文件不存在'), missing.stderr);
    const file = join(folder(), 'odd.jsonl');
    writeFileSync(file, JSON.stringify({ id: 1, blob: '<think>\nAdd.\n</think>\n<answer>\\boxed{4}</answer>', answer: '4' }) + '\n');
    const inferred = cot(ZH, ['lint', file]);
    assert.ok(inferred.stderr.includes('没有已知的键存放推理轨迹'), inferred.stderr);
    const inferredEn = cot(C, ['lint', file]);
    assert.ok(inferredEn.stderr.includes('no known key holds the trace'), inferredEn.stderr);
    const bad = cot(ZH, ['lint', '-', '--workers', '0'], LINE);
    assert.equal(bad.status, 2);
    assert.ok(bad.stderr.includes('必须是 ≥ 1 的整数') && bad.stderr.includes('错误：'), bad.stderr);
    const refused = cot(ZH, ['filter', file, '-o', file]);
    assert.equal(refused.status, 2);
    assert.ok(refused.stderr.includes('拒绝写入'), refused.stderr);
  });

  it('stats prints its labels in Chinese; --json stays English', () => {
    const file = join(folder(), 'one.jsonl');
    writeFileSync(file, LINE);
    const zh = cot(ZH, ['stats', file]);
    assert.equal(zh.status, 0, zh.stderr);
    assert.ok(zh.stdout.includes('各项奖励的均值') && zh.stdout.includes('准确率'), zh.stdout);
    assert.ok(!zh.stdout.includes('Mean of each reward'), zh.stdout);
    const json = cot(ZH, ['stats', file, '--json', '--lang', 'zh-cn']);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(cot(C, ['stats', file, '--json']).stdout));
    assert.ok(!/[\u4e00-\u9fff]/.test(json.stdout), json.stdout);
  });

  it('advantages: bad lines, --weights and the summary in Chinese; its JSON lines unchanged', () => {
    const input = '[0, 1, 1, 0]\nnot json\n';
    const zh = cot(ZH, ['advantages', '--summary'], input);
    assert.equal(zh.status, 1);
    assert.match(zh.stderr, /<stdin>:2：不是有效的 JSON/);
    assert.ok(zh.stderr.includes('1 组，4 条输出'), zh.stderr);
    const en = cot(C, ['advantages', '--summary'], input);
    assert.match(en.stderr, /<stdin>:2: not valid JSON/);
    assert.ok(en.stderr.includes('1 group, 4 outputs, 0 without signal'), en.stderr);
    assert.equal(zh.stdout, en.stdout);
    const weights = cot(C, ['advantages', '--weights', 'format', '--lang', 'zh-cn'], '[0, 1]\n');
    assert.equal(weights.status, 2);
    assert.ok(weights.stderr.includes('“format”不是 name=weight 的形式'), weights.stderr);
  });

  it('lint -f json and score stay English whatever the locale', () => {
    assert.equal(cot(ZH, ['lint', '-', '-f', 'json'], LINE).stdout, cot(C, ['lint', '-', '-f', 'json'], LINE).stdout);
    assert.equal(cot(ZH, ['score', '-'], LINE).stdout, cot(C, ['score', '-'], LINE).stdout);
  });
});
