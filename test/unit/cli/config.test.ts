import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromFlags, mergeConfig, parseConfigText } from '../../../src/core/config/load';
import { findConfigFile, loadConfigFile } from '../../../src/core/node/configFile';

describe('config file', () => {
  it('accepts comments and trailing commas', () => {
    const { config, problems } = parseConfigText(`{
      // the open-r1 rules exactly
      "preset": "open-r1",
      "rules": { "truncated": "off", "repetition-loop": { "severity": "error", "n": 4 }, },
      "weights": { "format": 2 },
      "fields": { "trace": "results[*].model_output" },
    }`);
    assert.deepEqual(problems, []);
    assert.equal(config.preset, 'open-r1');
    assert.deepEqual(config.rules, { truncated: 'off', 'repetition-loop': { severity: 'error', n: 4 } });
    assert.deepEqual(config.weights, { format: 2 });
    assert.deepEqual(config.fields, { trace: ['results[*].model_output'] });
  });

  it('reports syntax errors with their line and keeps going', () => {
    const { problems } = parseConfigText('{\n  "preset": "default"\n  "language": "zh"\n}');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /CommaExpected/);
    assert.equal(problems[0].line, 2);
  });

  it('reports values of the wrong type and unknown settings', () => {
    const { config, problems } = parseConfigText('{"preset": "fast", "weights": {"format": "x", "speed": 1}, "colour": 1, "language": "en"}');
    assert.equal(config.language, 'en');
    assert.equal(config.preset, undefined);
    const messages = problems.map((p) => p.message).join('\n');
    assert.match(messages, /preset/);
    assert.match(messages, /weights.format must be a number/);
    assert.match(messages, /unknown reward "speed"/);
    assert.match(messages, /unknown setting "colour"/);
  });

  it('is found by walking up, stopping at the repository root', () => {
    const root = mkdtempSync(join(tmpdir(), 'cot-config-'));
    try {
      const repo = join(root, 'repo');
      const deep = join(repo, 'data', 'runs');
      mkdirSync(deep, { recursive: true });
      mkdirSync(join(repo, '.git'));
      writeFileSync(join(root, '.cot-trace.json'), '{"language": "fr"}');
      assert.equal(findConfigFile(join(deep, 'a.jsonl')), undefined, 'must not look above the .git folder');
      writeFileSync(join(repo, '.cot-trace.json'), '{"language": "zh"}');
      assert.equal(findConfigFile(join(deep, 'a.jsonl')), join(repo, '.cot-trace.json'));
      writeFileSync(join(deep, '.cot-trace.json'), '{"language": "en"}');
      assert.equal(findConfigFile(deep), join(deep, '.cot-trace.json'));
      assert.equal(loadConfigFile(join(deep, '.cot-trace.json')).config.language, 'en');
      assert.match(loadConfigFile(join(deep, 'missing.json')).problems[0].message, /cannot read/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('never climbs past a workspace folder, the home folder, or out of a folder with no boundary above', () => {
    const root = mkdtempSync(join(tmpdir(), 'cot-config-'));
    const home = process.env.HOME;
    try {
      // A config file in a shared folder (like /tmp) with no repository around it.
      writeFileSync(join(root, '.cot-trace.json'), '{"rules": {"unclosed-thought": "off"}}');
      const data = join(root, 'project', 'data');
      mkdirSync(data, { recursive: true });
      assert.equal(findConfigFile(join(data, 'a.jsonl')), undefined, 'a config two folders up, with no boundary, must not apply');
      assert.equal(findConfigFile(join(root, 'a.jsonl')), join(root, '.cot-trace.json'), "the file's own folder still counts");
      // A workspace folder (or the CLI's working folder) is a boundary: searched, never passed.
      assert.equal(findConfigFile(join(data, 'a.jsonl'), [root]), join(root, '.cot-trace.json'));
      assert.equal(findConfigFile(join(data, 'a.jsonl'), [join(root, 'project')]), undefined);
      writeFileSync(join(root, 'project', '.cot-trace.json'), '{}');
      assert.equal(findConfigFile(join(data, 'a.jsonl'), [join(root, 'project')]), join(root, 'project', '.cot-trace.json'));
      // The home folder is a boundary too.
      process.env.HOME = join(root, 'home');
      const inHome = join(root, 'home', 'runs', 'x');
      mkdirSync(inHome, { recursive: true });
      assert.equal(findConfigFile(join(inHome, 'a.jsonl')), undefined, 'must not look above the home folder');
      writeFileSync(join(root, 'home', '.cot-trace.json'), '{}');
      assert.equal(findConfigFile(join(inHome, 'a.jsonl')), join(root, 'home', '.cot-trace.json'));
    } finally {
      if (home === undefined) delete process.env.HOME;
      else process.env.HOME = home;
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('command-line flags', () => {
  it('turn into a config', () => {
    const config = configFromFlags({
      rule: ['truncated=off', 'answer-missing=error'],
      preset: 'open-r1',
      weights: ['format=1,accuracy=2', 'language=0.5'],
      language: 'zh',
      field: ['trace=code[0]', 'groundTruth=gt'],
    });
    assert.deepEqual(config, {
      rules: { truncated: 'off', 'answer-missing': 'error' },
      preset: 'open-r1',
      weights: { format: 1, accuracy: 2, language: 0.5 },
      language: 'zh',
      fields: { trace: ['code[0]'], groundTruth: ['gt'] },
    });
  });

  it('reject bad values with a clear message', () => {
    assert.throws(() => configFromFlags({ rule: ['truncated'] }), /--rule truncated: expected ID=/);
    assert.throws(() => configFromFlags({ rule: ['truncated=loud'] }), /severity must be one of/);
    assert.throws(() => configFromFlags({ weights: ['speed=1'] }), /unknown reward "speed"/);
    assert.throws(() => configFromFlags({ weights: ['format=much'] }), /not a number/);
    assert.throws(() => configFromFlags({ preset: 'fast' }), /preset/);
    assert.throws(() => configFromFlags({ field: ['colour=x'] }), /unknown field "colour"/);
  });

  it('win over the file, key by key', () => {
    const merged = mergeConfig(
      { preset: 'open-r1', rules: { a: 'off', b: 'error' }, weights: { format: 2 }, language: 'zh' },
      { rules: { b: 'warning' }, weights: { accuracy: 3 } },
    );
    assert.deepEqual(merged, { preset: 'open-r1', rules: { a: 'off', b: 'warning' }, weights: { format: 2, accuracy: 3 }, language: 'zh' });
  });
});
