import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMMANDS_END,
  COMMANDS_START,
  COMMAND_DOCS,
  JSON_VALIDATION,
  README_END,
  README_START,
  ROOT,
  SCHEMA_PATH,
  SETTINGS_END,
  SETTINGS_START,
  NLS_EN,
  NLS_ZH,
  commandsTable,
  configurationNls,
  readmeTable,
  ruleDoc,
  schemaText,
  settingsTable,
  withBlock,
} from '../../scripts/generate';
import { RULES } from '../../src/core/rules';
import { resolveConfig } from '../../src/core/config/resolve';
import { REWARD_NAMES } from '../../src/core/types';

const HINT = 'out of date: run `npm run generate`';

/** The text of README.md between two markers (markers excluded). */
function readmeBlock(start: string, end: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  assert.ok(a !== -1 && b > a, `README.md has the ${start} … ${end} markers`);
  return readme.slice(a + start.length, b);
}

interface Manifest {
  contributes: { commands: Array<{ command: string; title: string }>; configuration: { properties: Record<string, unknown> } };
}
const manifest = (): Manifest => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('generated artifacts match the rule metadata', () => {
  for (const rule of RULES) {
    it(`docs/rules/${rule.meta.id}.md`, () => {
      const path = join(ROOT, 'docs/rules', `${rule.meta.id}.md`);
      assert.ok(existsSync(path), `${path} missing: run \`npm run generate\``);
      assert.equal(readFileSync(path, 'utf8'), ruleDoc(rule), HINT);
    });
  }
  it('README rule table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const a = readme.indexOf(README_START);
    const b = readme.indexOf(README_END);
    assert.ok(a !== -1 && b > a, 'README.md has the rule table markers');
    assert.equal(readme.slice(a + README_START.length, b), readmeTable(), HINT);
  });
  it(SCHEMA_PATH, () => assert.equal(readFileSync(join(ROOT, SCHEMA_PATH), 'utf8'), schemaText(), HINT));
  it('README settings table', () => {
    assert.equal(readmeBlock(SETTINGS_START, SETTINGS_END), settingsTable(), HINT);
  });
  it('README command table', () => {
    assert.equal(readmeBlock(COMMANDS_START, COMMANDS_END), commandsTable(readFileSync(join(ROOT, 'package.json'), 'utf8')), HINT);
  });
  it('package.json contributes.configuration and jsonValidation', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.configuration, configurationNls().configuration, HINT);
    assert.deepEqual(pkg.contributes.jsonValidation, JSON_VALIDATION, HINT);
  });
  for (const [file, lang] of [[NLS_EN, 'en'], [NLS_ZH, 'zh']] as const) {
    it(`${file}: the settings' texts`, () => {
      const nls = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
      const expected = configurationNls()[lang];
      const actual = Object.fromEntries(Object.entries(nls).filter(([key]) => key.startsWith('config.')));
      assert.deepEqual(actual, expected, HINT);
    });
  }
  it('the Chinese setting of a rule comes from its metadata', () => {
    const { zh, configuration } = configurationNls();
    const rules = (configuration.properties as Record<string, { properties: Record<string, { markdownDescription: string }> }>)['cotTrace.rules'];
    assert.equal(rules.properties['missing-thought'].markdownDescription, '%config.rules.missing-thought%');
    const meta = RULES.find((r) => r.meta.id === 'missing-thought')!.meta;
    assert.equal(zh['config.rules.missing-thought'], `${meta.zh.title}：${meta.zh.description}`);
  });
});

describe('rule metadata', () => {
  const ids = RULES.map((r) => r.meta.id);
  it('ids are unique kebab-case', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });
  for (const rule of RULES) {
    it(`${rule.meta.id}: complete metadata`, () => {
      const m = rule.meta;
      assert.ok(m.title && m.description && m.docs.trim().length > 200, 'title, description and a doc body');
      assert.ok(m.reward === null || (REWARD_NAMES as readonly string[]).includes(m.reward));
      assert.ok(m.tags.length > 0 && m.conventions.length > 0);
      assert.match(m.docs, /## Why/, 'the doc explains why');
      for (const [name, option] of Object.entries(m.options)) assert.ok(option.description && option.schema.type, `option ${name}`);
    });
  }
  it('resolveConfig takes defaults from the metadata and applies user overrides', () => {
    const base = resolveConfig();
    for (const rule of RULES) assert.equal(base.severities[rule.meta.id], rule.meta.severity);
    assert.equal(base.ruleOptions['long-paragraph'].maxChars, 3000);
    const custom = resolveConfig({
      preset: 'open-r1',
      rules: { 'long-paragraph': { severity: 'warning', maxChars: 10 }, truncated: 'off', 'no-such-rule': 'error' },
      weights: { accuracy: 2 },
    });
    assert.equal(custom.severities['long-paragraph'], 'warning');
    assert.equal(custom.ruleOptions['long-paragraph'].maxChars, 10);
    assert.equal(custom.severities.truncated, 'off');
    assert.equal(custom.severities['no-such-rule'], undefined);
    assert.deepEqual(custom.weights, { format: 1, tag_count: 1, language: 0, accuracy: 2, reasoning_steps: 0, repetition: 0, overlong: 0 });
  });
});

describe('README settings and command tables', () => {
  it('the settings table has one row per cotTrace.* setting of package.json, nothing else', () => {
    const rows = readmeBlock(SETTINGS_START, SETTINGS_END)
      .split('\n')
      .map((line) => /^\| `(cotTrace\.[^`]+)` \|/.exec(line)?.[1])
      .filter((key): key is string => !!key);
    assert.deepEqual(rows, Object.keys(manifest().contributes.configuration.properties));
  });
  it('the settings table shows defaults and enum values', () => {
    const table = settingsTable();
    assert.match(table, /\| `cotTrace\.run` \| `onType`, `onSave` \| `onType` \|/);
    assert.match(table, /\| `cotTrace\.codeLens\.enable` \| `boolean` \| `true` \|/);
    assert.match(table, /\| `cotTrace\.grpo\.preset` \|[^\n]*`trl`: Hugging Face TRL/);
    assert.match(table, /\| `cotTrace\.datasets\.include` \| `string\[\]` \| `\[\]` \|/);
  });
  it('the command table has one row per command of package.json, with its title', () => {
    const block = readmeBlock(COMMANDS_START, COMMANDS_END);
    const commands = manifest().contributes.commands;
    assert.equal(block.split('\n').filter((line) => line.startsWith('| **')).length, commands.length);
    const nls = JSON.parse(readFileSync(join(ROOT, NLS_EN), 'utf8')) as Record<string, string>;
    for (const c of commands) {
      const title = nls[c.title.replace(/^%(.+)%$/, '$1')];
      assert.ok(title, `${c.command}: ${c.title} is in ${NLS_EN}`);
      assert.ok(block.includes(`**CoT Trace: ${title}**`), `${c.command} (${title}) is listed`);
    }
  });
  it('every command is described, and no description is left for a command that is gone', () => {
    assert.deepEqual(Object.keys(COMMAND_DOCS).sort(), manifest().contributes.commands.map((c) => c.command).sort());
  });
  it('a command without a description stops the generator', () => {
    const pkg = { contributes: { commands: [{ command: 'cotTrace.noSuchCommand', title: 'Nothing', category: 'CoT Trace' }] } };
    assert.throws(() => commandsTable(JSON.stringify(pkg)), /cotTrace\.noSuchCommand/);
  });
  it('blocks are replaced between their markers, or appended with a heading', () => {
    assert.equal(withBlock('a <!-- x --> old <!-- /x --> b', '<!-- x -->', '<!-- /x -->', 'new', 'X'), 'a <!-- x -->new<!-- /x --> b');
    assert.equal(withBlock('# Title\n', '<!-- x -->', '<!-- /x -->', 'new', 'X'), '# Title\n\n## X\n\n<!-- x -->new<!-- /x -->\n');
  });
});
