/**
 * Generates everything derived from the rule metadata:
 *  - docs/rules/<id>.md, one page per rule;
 *  - the rule table in README.md between `<!-- rules:start -->` and `<!-- rules:end -->`;
 *  - schemas/cot-trace.schema.json, the JSON schema of `.cot-trace.json`;
 *  - package.json `contributes.configuration` (`cotTrace.*` settings) and `contributes.jsonValidation`.
 *
 *   npx tsx scripts/generate.ts      (npm run generate)
 *
 * test/unit/generated.test.ts regenerates all of it in memory and fails on any drift.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../src/core/rules';
import type { Rule } from '../src/core/rules/types';
import { SETTINGS } from '../src/core/settings';
import { DEFAULT_OVERLONG, PRESET_WEIGHTS, PRESETS, SEVERITY_SETTINGS } from '../src/core/config/resolve';
import { CONVENTIONS, REWARD_NAMES } from '../src/core/types';

export const ROOT = resolve(__dirname, '..');
export const README_START = '<!-- rules:start -->';
export const README_END = '<!-- rules:end -->';
export const SCHEMA_PATH = 'schemas/cot-trace.schema.json';

const code = (s: string) => '`' + s + '`';

/** docs/rules/<id>.md */
export function ruleDoc(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    `# ${m.id}`,
    '',
    `**${m.title}** — ${m.description}`,
    '',
    '| | |',
    '|---|---|',
    `| Default severity | ${code(m.severity)} |`,
    `| Reward | ${m.reward ? code(m.reward) : '—'} |`,
    `| Tags | ${m.tags.map(code).join(', ')} |`,
    `| Conventions | ${m.conventions.map(code).join(', ')} |`,
    '',
    m.docs.trim(),
    '',
    '## Options',
    '',
  ];
  const options = Object.entries(m.options);
  if (options.length === 0) lines.push('None besides the severity.');
  else {
    lines.push('| Option | Default | Description |', '|---|---|---|');
    for (const [name, option] of options) lines.push(`| ${code(name)} | ${code(JSON.stringify(option.default))} | ${option.description} |`);
  }
  lines.push(
    '',
    '## Configuration',
    '',
    '```json',
    JSON.stringify(
      { rules: { [m.id]: options.length ? { severity: m.severity === 'off' ? 'info' : m.severity, ...Object.fromEntries(options.map(([n, o]) => [n, o.default])) } : m.severity === 'off' ? 'info' : 'off' } },
      null,
      2,
    ),
    '```',
    '',
  );
  return lines.join('\n');
}

/** The README rule table (the text between the markers, markers excluded). */
export function readmeTable(): string {
  const rows = RULES.map(
    (r) => `| [${r.meta.id}](docs/rules/${r.meta.id}.md) | ${r.meta.title} | ${code(r.meta.severity)} | ${r.meta.reward ? code(r.meta.reward) : '—'} |`,
  );
  return ['', '| Rule | What it reports | Default | Reward |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** README.md with the table replaced (or the file created with a heading and the table). */
export function withReadmeTable(readme: string | undefined): string {
  const block = README_START + readmeTable() + README_END;
  if (readme === undefined) return `# CoT Trace\n\n${block}\n`;
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a === -1 || b === -1 || b < a) return readme.trimEnd() + `\n\n## Rules\n\n${block}\n`;
  return readme.slice(0, a) + block + readme.slice(b + README_END.length);
}

function ruleSchema(rule: Rule): Record<string, unknown> {
  const severity = { type: 'string', enum: [...SEVERITY_SETTINGS], default: rule.meta.severity };
  const description = `${rule.meta.title}: ${rule.meta.description} (default: ${rule.meta.severity})`;
  const options = Object.entries(rule.meta.options);
  if (options.length === 0) return { ...severity, description };
  return {
    description,
    oneOf: [
      severity,
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity,
          ...Object.fromEntries(options.map(([name, o]) => [name, { ...o.schema, default: o.default, description: o.description }])),
        },
      },
    ],
  };
}

const fieldList = { type: 'array', items: { type: 'string' } };

/** schemas/cot-trace.schema.json */
export function configSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://cot-trace/schemas/cot-trace.schema.json',
    title: 'CoT Trace configuration (.cot-trace.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      preset: {
        type: 'string',
        enum: [...PRESETS],
        default: 'default',
        description: 'Reward preset: `default`, or `open-r1` (open-r1\'s format, tag_count and reasoning_steps rewards exactly).',
      },
      rules: {
        type: 'object',
        description: 'Severity (`off` disables) and options of each rule.',
        additionalProperties: false,
        properties: Object.fromEntries(RULES.map((r) => [r.meta.id, ruleSchema(r)])),
      },
      weights: {
        type: 'object',
        description: `Weight of each reward in the total. Defaults (preset default): ${REWARD_NAMES.map((n) => `${n} ${PRESET_WEIGHTS.default[n]}`).join(', ')}.`,
        additionalProperties: false,
        properties: Object.fromEntries(REWARD_NAMES.map((n) => [n, { type: 'number', default: PRESET_WEIGHTS.default[n] }])),
      },
      language: {
        type: 'string',
        default: 'auto',
        description: 'Target language of the chain of thought: `auto` (the prompt\'s language), a code such as `en`, `zh`, `ja`, or a script name.',
      },
      convention: {
        type: 'string',
        enum: ['auto', ...CONVENTIONS],
        default: 'auto',
        description: 'Force one trace convention instead of detecting it per trace.',
      },
      fields: {
        type: 'object',
        description: 'Field paths (e.g. `results[*].model_output`) for datasets whose shape is not detected.',
        additionalProperties: false,
        properties: { trace: fieldList, reasoning: fieldList, prompt: fieldList, groundTruth: fieldList, id: fieldList },
      },
      overlong: {
        type: 'object',
        description: 'DAPO soft overlong punishment: maximum length Lmax and cache Lcache.',
        additionalProperties: false,
        required: ['maxLength', 'cache'],
        properties: {
          maxLength: { type: 'number', exclusiveMinimum: 0, default: DEFAULT_OVERLONG.maxLength },
          cache: { type: 'number', minimum: 0, default: DEFAULT_OVERLONG.cache },
          unit: { type: 'string', enum: ['chars', 'tokens'], default: DEFAULT_OVERLONG.unit },
        },
      },
    },
  };
}

/** package.json `contributes.configuration`. */
export function contributesConfiguration(): Record<string, unknown> {
  const schema = configSchema().properties as Record<string, Record<string, unknown>>;
  const strip = (s: Record<string, unknown>) => {
    const { description, ...rest } = s;
    return { ...rest, markdownDescription: description };
  };
  const properties: Record<string, unknown> = {
    'cotTrace.rules': {
      type: 'object',
      markdownDescription: 'Severity of each rule (`off` disables it). A `.cot-trace.json` file, where rule options can be set too, takes precedence.',
      additionalProperties: false,
      properties: Object.fromEntries(
        RULES.map((r) => [r.meta.id, { type: 'string', enum: [...SEVERITY_SETTINGS], default: r.meta.severity, markdownDescription: `${r.meta.title}: ${r.meta.description}` }]),
      ),
      default: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity])),
    },
    'cotTrace.preset': strip(schema.preset),
    'cotTrace.weights': { ...strip(schema.weights), default: { ...PRESET_WEIGHTS.default } },
    'cotTrace.language': strip(schema.language),
    'cotTrace.convention': strip(schema.convention),
    'cotTrace.fields': strip(schema.fields),
  };
  for (const setting of SETTINGS) {
    properties[`cotTrace.${setting.key}`] = {
      ...setting.schema,
      markdownDescription: setting.description,
      ...(setting.enumDescriptions ? { enumDescriptions: setting.enumDescriptions } : {}),
    };
  }
  return { title: 'CoT Trace', properties };
}

export const JSON_VALIDATION = [{ fileMatch: '.cot-trace.json', url: `./${SCHEMA_PATH}` }];

/** package.json text with the two generated `contributes` entries replaced, everything else untouched. */
export function withPackageContributions(packageText: string): string {
  const pkg = JSON.parse(packageText) as { contributes?: Record<string, unknown> };
  pkg.contributes = pkg.contributes ?? {};
  pkg.contributes.configuration = contributesConfiguration();
  pkg.contributes.jsonValidation = JSON_VALIDATION;
  return JSON.stringify(pkg, null, 2) + '\n';
}

export function schemaText(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

function main(): void {
  const docsDir = join(ROOT, 'docs/rules');
  mkdirSync(docsDir, { recursive: true });
  for (const rule of RULES) writeFileSync(join(docsDir, `${rule.meta.id}.md`), ruleDoc(rule));
  mkdirSync(join(ROOT, 'schemas'), { recursive: true });
  writeFileSync(join(ROOT, SCHEMA_PATH), schemaText());
  const readmePath = join(ROOT, 'README.md');
  writeFileSync(readmePath, withReadmeTable(existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined));
  // Re-read package.json right before writing: others edit it too.
  const packagePath = join(ROOT, 'package.json');
  writeFileSync(packagePath, withPackageContributions(readFileSync(packagePath, 'utf8')));
  console.log(`generated ${RULES.length} rule pages, the README table, ${SCHEMA_PATH} and package.json contributions`);
}

if (require.main === module) main();
