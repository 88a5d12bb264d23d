import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');
const LINE = JSON.stringify({ id: 'q1', prompt: 'What is 2+2?', completion: '<think>\nAdd them.\n<answer>\\boxed{4}</answer>', answer: '4' }) + '\n';
const EN = '`<think>` is never closed: add `</think>` before the answer.';
const ZH = '`<think>`从未关闭：请在答案之前加上 `</think>`。';

/** `cot-trace lint -` on the line, with these locale variables (the others unset). */
function lint(env: Record<string, string>, ...args: string[]): string {
  const clean = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE']) delete clean[name];
  const r = spawnSync(process.execPath, [cli, 'lint', '-', ...args], { cwd: repoRoot, input: LINE, encoding: 'utf8', env: { ...clean, ...env } });
  assert.equal(r.status, 1, r.stderr);
  return r.stdout;
}

describe('cot-trace CLI: the language of the messages', function () {
  this.timeout(120_000);
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));

  it('the unit tests run in the C locale (test/unit/pinLocale.ts), so the other CLI tests read English', () => {
    assert.equal(process.env.LC_ALL, 'C');
    const r = spawnSync(process.execPath, [cli, 'lint', '-'], { cwd: repoRoot, input: LINE, encoding: 'utf8' });
    assert.ok(r.stdout.includes(EN), r.stdout);
  });

  it('follows LC_ALL, then LC_MESSAGES, then LANG: zh_CN gives Chinese', () => {
    assert.ok(lint({ LC_ALL: 'zh_CN.UTF-8' }).includes(ZH));
    assert.ok(lint({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }).includes(ZH));
    assert.ok(lint({ LANG: 'zh_CN.UTF-8' }).includes(ZH));
    assert.ok(lint({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }).includes(EN));
    assert.ok(lint({ LC_ALL: '', LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }).includes(EN));
    assert.ok(lint({ LANG: 'zh_TW.UTF-8' }).includes(EN));
    assert.ok(lint({}).includes(EN));
  });

  it('--lang overrides the environment; the place, severity and rule id stay as tools read them', () => {
    const zh = lint({ LC_ALL: 'C' }, '--lang', 'zh-cn');
    assert.match(zh.trim(), /^-:1:\d+: error `<think>`从未关闭：请在答案之前加上 `<\/think>`。 \[unclosed-thought\]$/m);
    assert.ok(lint({ LC_ALL: 'zh_CN.UTF-8' }, '--lang', 'en').includes(EN));
  });

  it('JSON keeps the English message; --lang adds localizedMessage, the environment never changes the JSON', () => {
    const fromEnv = lint({ LC_ALL: 'zh_CN.UTF-8' }, '-f', 'json');
    assert.deepEqual(fromEnv, lint({ LC_ALL: 'C' }, '-f', 'json'));
    const plain = fromEnv.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(plain.every((f) => !('localizedMessage' in f) && !('l10n' in f)));
    const asked = lint({ LC_ALL: 'C' }, '-f', 'json', '--lang', 'zh-cn').trim().split('\n').map((l) => JSON.parse(l));
    const unclosed = asked.find((f) => f.ruleId === 'unclosed-thought');
    assert.equal(unclosed.message, EN);
    assert.equal(unclosed.localizedMessage, ZH);
  });

  it('refuses a language it does not have', () => {
    const r = spawnSync(process.execPath, [cli, 'lint', '-', '--lang', 'fr'], { cwd: repoRoot, input: LINE, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--lang/);
  });
});
