/**
 * The rest of what the CLI and the reward server say, under zh_CN: commander's `[options]` and
 * `[command]` in --help, config warnings and --rule / --weights errors, the answer-comparison
 * reasons in lint's text and in `score --explain --lang zh-cn`, and the reward server's log lines.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtCliAndFolder, C, cleanEnv, cli, cot, ZH } from './localeEnv';

const LINE = JSON.stringify({ prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n</think>\n<answer>\\boxed{5}</answer>', answer: '4' }) + '\n';

describe('cot-trace CLI and reward server: the remaining texts follow the locale', function () {
  this.timeout(120_000);
  const folder = builtCliAndFolder('cot-zh-more-');

  it("--help writes commander's [options] and [command] in Chinese under zh", () => {
    const zh = cot(ZH, ['--help']);
    assert.match(zh.stdout, /^用法： cot-trace \[选项\] \[命令\]/);
    assert.ok(zh.stdout.includes('lint [选项] <files...>'), zh.stdout);
    assert.ok(!zh.stdout.includes('[options]'), zh.stdout);
    assert.match(cot(C, ['--help']).stdout, /^Usage: cot-trace \[options\] \[command\]/);
  });

  it("filter names the decisions file's problems in Chinese under zh, English otherwise", () => {
    const file = join(folder(), 'f.jsonl');
    writeFileSync(file, LINE);
    const sidecar = join(folder(), 'f.decisions.jsonl');
    writeFileSync(sidecar, 'not json\n{"x": 1}\n');
    const zh = cot(ZH, ['filter', '--decisions', sidecar, file]);
    assert.ok(zh.stderr.includes(`${sidecar}:1: 不是有效的 JSON；已跳过`), zh.stderr);
    assert.ok(zh.stderr.includes(`${sidecar}:2: 不是审阅条目`), zh.stderr);
    assert.ok(cot(C, ['filter', '--decisions', sidecar, file]).stderr.includes(`${sidecar}:1: not valid JSON; skipped`));
  });

  it('--rule, --weights and config warnings are in Chinese under zh, English otherwise', () => {
    const file = join(folder(), 'a.jsonl');
    writeFileSync(file, LINE);
    const rule = cot(ZH, ['lint', '--rule', 'foo=loud', file]);
    assert.equal(rule.status, 2);
    assert.ok(rule.stderr.includes('--rule foo=loud：严重级别必须是'), rule.stderr);
    assert.ok(cot(C, ['lint', '--rule', 'foo=loud', file]).stderr.includes('--rule foo=loud: severity must be one of'));
    const weights = cot(ZH, ['score', '--weights', 'format=x', file]);
    assert.equal(weights.status, 2);
    assert.ok(weights.stderr.includes('--weights format=x：“x”不是数字'), weights.stderr);
    assert.ok(cot(ZH, ['lint', '--rule', 'nope=off', file]).stderr.includes('未知的规则 "nope"。'));
    const config = join(folder(), 'bad.json');
    writeFileSync(config, '{"weights": 3}');
    const warned = cot(ZH, ['lint', '-c', config, file]);
    assert.ok(warned.stderr.includes(`${config}: 配置："weights" 必须是一个对象`), warned.stderr);
    assert.ok(cot(C, ['lint', '-c', config, file]).stderr.includes(`${config}: config: "weights" must be an object`));
  });

  it("lint's text gives the comparison's reason in Chinese; score --explain adds localizedExplanation only with --lang", () => {
    const file = join(folder(), 'b.jsonl');
    writeFileSync(file, LINE);
    const lint = cot(ZH, ['lint', file]);
    assert.ok(lint.stdout.includes('（数值不同（5 与 4））'), lint.stdout);
    const env = JSON.parse(cot(ZH, ['score', '--explain', '--quiet', file]).stdout).answer;
    assert.equal(env.reason, 'different values (5 vs 4)');
    assert.equal(env.localizedExplanation, undefined);
    const flag = JSON.parse(cot(C, ['score', '--explain', '--quiet', '--lang', 'zh-cn', file]).stdout).answer;
    assert.equal(flag.reason, 'different values (5 vs 4)');
    assert.match(flag.localizedExplanation, /错误 ✗：数值不同（5 与 4）/);
  });

  it('the reward server logs in Chinese under zh (and with --lang), in English otherwise', async () => {
    const logs = async (env: Record<string, string>, args: string[] = []) => {
      const child = spawn(process.execPath, [cli, 'serve', '--host', '127.0.0.1', '--port', '0', '-w', '1', ...args], { cwd: folder(), stdio: ['ignore', 'ignore', 'pipe'], env: cleanEnv(env) });
      let err = '';
      let asked = false;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        err += d;
        // Once it listens, a moment for the server to settle, then the signal it logs.
        if (!asked && /listening|正在监听/.test(err)) {
          asked = true;
          setTimeout(() => child.kill('SIGTERM'), 300);
        }
      });
      await new Promise((done) => child.on('exit', done));
      return err;
    };
    const zh = await logs(ZH);
    assert.match(zh, /^cot-trace serve：正在监听 http:\/\/127\.0\.0\.1:\d+（1 个工作线程）/m);
    assert.match(zh, /^cot-trace serve：SIGTERM：先处理完正在进行的请求，然后停止/m);
    assert.match(await logs(C, ['--lang', 'zh-cn']), /正在监听/);
    const en = await logs(C);
    assert.match(en, /^cot-trace serve: listening on http:\/\/127\.0\.0\.1:\d+ \(1 worker\)/m);
    assert.match(en, /SIGTERM: finishing requests in flight, then stopping/);
  });
});
