/**
 * Generates everything derived from the rule metadata:
 *  - docs/rules/<id>.md, one page per rule;
 *  - the rule table in README.md between `<!-- rules:start -->` and `<!-- rules:end -->`;
 *  - the settings table (`<!-- settings:start -->` … `<!-- settings:end -->`) and the command
 *    table (`<!-- commands:start -->` … `<!-- commands:end -->`) in README.md;
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
        enum: ['auto', 'per-trace', ...CONVENTIONS],
        default: 'auto',
        description:
          '`auto`: each trace\'s convention is detected, and the dataset\'s dominant one (80% of its first 300 traces) judges related outliers (a thought with free text in an R1-Zero dataset lacks its `<answer>`); `per-trace`: each trace judged on its own; or one convention forced on every trace.',
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

export const NLS_EN = 'package.nls.json';
export const NLS_ZH = 'package.nls.zh-cn.json';
/** Every generated entry of the nls files starts with this; the rest of those files is written by hand. */
export const NLS_CONFIG_PREFIX = 'config.';

/** Chinese descriptions of the settings that mirror `.cot-trace.json` (their English is in configSchema()). */
const CONFIG_ZH: Record<string, string> = {
  'cotTrace.rules': '每条规则的严重级别（`off` 表示关闭）。`.cot-trace.json` 文件优先，规则选项也可以在其中设置。',
  'cotTrace.preset': '奖励预设：`default`，或 `open-r1`（与 open-r1 的 format、tag_count 和 reasoning_steps 奖励完全一致）。',
  'cotTrace.weights': `每项奖励在总分中的权重。默认值（default 预设）：${REWARD_NAMES.map((n) => `${n} ${PRESET_WEIGHTS.default[n]}`).join('，')}。`,
  'cotTrace.language': '思维链的目标语言：`auto`（与提示的语言相同）、`en`、`zh`、`ja` 之类的语言代码，或文字系统的名称。',
  'cotTrace.convention':
    '`auto`：逐条检测每条推理轨迹的格式，并用数据集的主导格式（前 300 条中占 80%）来评判相关的离群轨迹（在 R1-Zero 数据集中，带自由文本的思考缺少其 `<answer>`）；`per-trace`：每条轨迹单独评判；或者对所有轨迹强制使用同一种格式。',
  'cotTrace.fields': '数据集结构无法自动识别时使用的字段路径（例如 `results[*].model_output`）。',
};

/** The nls key of a setting's description (`config.rules.missing-thought`, `config.grpo.preset`, …). */
const nlsKey = (setting: string, ...rest: string[]) => [NLS_CONFIG_PREFIX.slice(0, -1), setting.replace(/^cotTrace\./, ''), ...rest].join('.');

/**
 * package.json `contributes.configuration` as it is written: every description a `%key%`
 * placeholder, with the English (package.nls.json) and Chinese (package.nls.zh-cn.json) texts.
 */
export function configurationNls(): { configuration: Record<string, unknown>; en: Record<string, string>; zh: Record<string, string> } {
  const english = contributesConfiguration();
  const en: Record<string, string> = {};
  const zh: Record<string, string> = {};
  const put = (key: string, enText: string, zhText: string | undefined) => {
    if (!zhText) throw new Error(`no Chinese text for ${key}`);
    en[key] = enText;
    zh[key] = zhText;
    return `%${key}%`;
  };
  const properties: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(english.properties as Record<string, Record<string, unknown>>)) {
    const setting = SETTINGS.find((s) => `cotTrace.${s.key}` === name);
    const out: Record<string, unknown> = { ...schema, markdownDescription: put(nlsKey(name), String(schema.markdownDescription), setting?.zh.description ?? CONFIG_ZH[name]) };
    if (Array.isArray(schema.enumDescriptions)) {
      const values = (schema.enum as unknown[]).map(String);
      out.enumDescriptions = (schema.enumDescriptions as string[]).map((text, i) => put(nlsKey(name, 'enum', values[i]), text, setting?.zh.enumDescriptions?.[i]));
    }
    if (name === 'cotTrace.rules') {
      out.properties = Object.fromEntries(
        RULES.map((r) => {
          const rule = (schema.properties as Record<string, Record<string, unknown>>)[r.meta.id];
          return [r.meta.id, { ...rule, markdownDescription: put(nlsKey(name, r.meta.id), String(rule.markdownDescription), `${r.meta.zh.title}：${r.meta.zh.description}`) }];
        }),
      );
    }
    properties[name] = out;
  }
  return { configuration: { title: '%config.title%', properties }, en: { 'config.title': String(english.title), ...en }, zh: { 'config.title': 'CoT Trace', ...zh } };
}

/** An nls file's text with its generated (`config.*`) entries replaced by `texts`, hand-written entries kept in place. */
export function withNlsEntries(nlsText: string, texts: Record<string, string>): string {
  const current = JSON.parse(nlsText) as Record<string, string>;
  const kept = Object.entries(current).filter(([key]) => !key.startsWith(NLS_CONFIG_PREFIX));
  return JSON.stringify(Object.fromEntries([...kept, ...Object.entries(texts)]), null, 2) + '\n';
}

/** package.json text with the two generated `contributes` entries replaced, everything else untouched. */
export function withPackageContributions(packageText: string): string {
  const pkg = JSON.parse(packageText) as { contributes?: Record<string, unknown> };
  pkg.contributes = pkg.contributes ?? {};
  pkg.contributes.configuration = configurationNls().configuration;
  pkg.contributes.jsonValidation = JSON_VALIDATION;
  return JSON.stringify(pkg, null, 2) + '\n';
}

export function schemaText(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

export const SETTINGS_START = '<!-- settings:start -->';
export const SETTINGS_END = '<!-- settings:end -->';
export const COMMANDS_START = '<!-- commands:start -->';
export const COMMANDS_END = '<!-- commands:end -->';

/** Text for a Markdown table cell: no line breaks, pipes escaped. */
const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

function settingType(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => code(String(v))).join(', ');
  if (schema.type === 'array') {
    const items = schema.items as Record<string, unknown> | undefined;
    return code(`${typeof items?.type === 'string' ? items.type : 'any'}[]`);
  }
  return code(String(schema.type));
}

function settingDefault(key: string, schema: Record<string, unknown>): string {
  const value = schema.default;
  if (key === 'cotTrace.rules') return 'each rule\'s own severity (see [Rules](#rules))';
  if (value === undefined) return '— (detected)';
  if (Array.isArray(value)) return value.length ? value.map((v) => code(String(v))).join(', ') : code('[]');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([name, v]) => code(`${name}=${JSON.stringify(v)}`))
      .join(' ');
  }
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

function settingDescription(schema: Record<string, unknown>): string {
  const text = String(schema.markdownDescription ?? schema.description ?? '');
  const names = Array.isArray(schema.enum) ? schema.enum.map(String) : [];
  const notes = Array.isArray(schema.enumDescriptions) ? (schema.enumDescriptions as string[]) : [];
  if (!notes.length) return text;
  return `${text} ${names.map((name, i) => `${code(name)}: ${notes[i] ?? ''}`).join(' ')}`;
}

/** The README settings table: every `cotTrace.*` setting of package.json (the text between the markers). */
export function settingsTable(): string {
  const properties = contributesConfiguration().properties as Record<string, Record<string, unknown>>;
  const rows = Object.entries(properties).map(
    ([key, schema]) => `| ${code(key)} | ${cell(settingType(schema))} | ${cell(settingDefault(key, schema))} | ${cell(settingDescription(schema))} |`,
  );
  return ['', '| Setting | Type | Default | Description |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/**
 * What each command of package.json `contributes.commands` does, for the README command
 * table. The title and where it appears come from package.json; a command missing here
 * fails `npm run generate` and the drift test.
 */
export const COMMAND_DOCS: Record<string, string> = {
  'cotTrace.lintFile':
    'Pick dataset files on disk and lint them without opening them: JSON Lines is streamed, so files too big for the editor work. Problems go to the Problems view (at most 10,000 per file); progress shows in a notification that can cancel.',
  'cotTrace.lintFolder':
    'The same for whole folders (the workspace folder when there is only one): `.jsonl`, `.ndjson`, `.jsonlines`, `.cot` and `.think` files, and `.json` files whose start holds traces. Skips `node_modules`, `.git`, `dist`, `out`, virtual environments and hidden folders.',
  'cotTrace.showBreakdown':
    'Opens the reward breakdown of the record under the cursor as a Markdown preview: each reward, its weight and share, the convention, the language mix, the extracted answer against the ground truth. The code lens above a record runs it too.',
  'cotTrace.openCalculator': 'Opens the GRPO calculator: a group of outputs and their rewards become advantages, with the TRL, verl, Dr. GRPO and paper normalisations, a bar chart and a copy-as-JSON button.',
  'cotTrace.advantagesFromSelection':
    'Selected numbers, or selected dataset records scored by the engine, become GRPO groups in the calculator; records also get an inline `A = +0.87` hint. Normalised as `cotTrace.grpo.preset` says.',
  'cotTrace.clearAdvantageHints': 'Removes the inline advantage hints (they also go away when the document changes).',
  'cotTrace.openPipeline': 'Opens the R1 pipeline walkthrough: R1-Zero, the "aha" moment, GRPO, the four training stages, results, distillation, common questions.',
  'cotTrace.openQuiz': 'Starts the R1 quiz: questions in random order, an explanation after each answer, the best score kept.',
  'cotTrace.openSample': 'Opens an untitled copy of a sample `.cot` trace, highlighted and checked (the installed file is never opened for editing).',
  'cotTrace.openSampleDataset': 'Opens the sample dataset, 20 DeepSeek-R1 answers to MATH-500 problems as JSON Lines, from a copy in the extension\'s storage so that reviewing it never writes into the installation.',
  'cotTrace.openReview':
    'Opens the review panel on a `.jsonl` / `.json` dataset at its first undecided record: one record at a time (prompt, thought, answer, extracted answer against ground truth with a verdict, the dataset\'s own columns, findings, rewards), accept / reject / label with the keyboard or in bulk with undo; decisions go to a sidecar file.',
  'cotTrace.openStats':
    'Opens the dataset summary of one or more datasets (several are drawn in the same charts, on the same bins): reward histogram, rule pass rates with a difference column, thought lengths, reflection words, languages, answers by verdict, the dataset\'s own label; trend lines across checkpoints of one run; a click on a bar or a rule opens those records in the review; can save an HTML report.',
  'cotTrace.backToReview': 'Goes back to the review panel, on the record under the cursor when the reviewed dataset is the active editor.',
};

const MENU_NAMES: Record<string, string> = {
  'editor/context': 'editor context menu',
  'explorer/context': 'explorer context menu',
  'editor/title': 'editor title bar',
};

interface ManifestCommands {
  contributes?: {
    commands?: Array<{ command: string; title: string; category?: string }>;
    menus?: Record<string, Array<{ command: string; when?: string }>>;
  };
}

/** package.nls.json: the English of package.json's `%key%` placeholders. */
export function englishNls(): Record<string, string> {
  const path = join(ROOT, NLS_EN);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

/** The README command table (the text between the markers), from package.json text. */
export function commandsTable(packageText: string, nls: Record<string, string> = englishNls()): string {
  const pkg = JSON.parse(packageText) as ManifestCommands;
  const text = (value: string) => value.replace(/^%(.+)%$/, (whole, key: string) => nls[key] ?? whole);
  const commands = pkg.contributes?.commands ?? [];
  const menus = pkg.contributes?.menus ?? {};
  const missing = commands.filter((c) => !COMMAND_DOCS[c.command]).map((c) => c.command);
  if (missing.length) throw new Error(`no description in COMMAND_DOCS (scripts/generate.ts) for: ${missing.join(', ')}`);
  const rows = commands.map((c) => {
    const palette = menus.commandPalette?.find((m) => m.command === c.command);
    const where = palette?.when === 'false' ? [] : [palette?.when ? 'palette (when it applies)' : 'palette'];
    for (const [menu, items] of Object.entries(menus)) {
      if (menu !== 'commandPalette' && items.some((m) => m.command === c.command)) where.push(MENU_NAMES[menu] ?? menu);
    }
    const title = c.category ? `${text(c.category)}: ${text(c.title)}` : text(c.title);
    return `| **${cell(title)}** | ${cell(COMMAND_DOCS[c.command])} | ${cell(where.join(', '))} |`;
  });
  return ['', '| Command | What it does | Where |', '|---|---|---|', ...rows, ''].join('\n');
}

/** `text` with the part between `start` and `end` replaced (or a section with them appended). */
export function withBlock(text: string, start: string, end: string, body: string, heading: string): string {
  const block = start + body + end;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1 || b < a) return text.trimEnd() + `\n\n## ${heading}\n\n${block}\n`;
  return text.slice(0, a) + block + text.slice(b + end.length);
}

/** README.md with every generated block brought up to date. */
export function withReadmeBlocks(readme: string | undefined, packageText: string): string {
  let text = withReadmeTable(readme);
  text = withBlock(text, SETTINGS_START, SETTINGS_END, settingsTable(), 'Settings');
  text = withBlock(text, COMMANDS_START, COMMANDS_END, commandsTable(packageText), 'Commands');
  return text;
}

function main(): void {
  const docsDir = join(ROOT, 'docs/rules');
  mkdirSync(docsDir, { recursive: true });
  for (const rule of RULES) writeFileSync(join(docsDir, `${rule.meta.id}.md`), ruleDoc(rule));
  mkdirSync(join(ROOT, 'schemas'), { recursive: true });
  writeFileSync(join(ROOT, SCHEMA_PATH), schemaText());
  // Re-read package.json right before writing: others edit it too.
  const packagePath = join(ROOT, 'package.json');
  const packageText = withPackageContributions(readFileSync(packagePath, 'utf8'));
  writeFileSync(packagePath, packageText);
  for (const [file, texts] of [[NLS_EN, configurationNls().en], [NLS_ZH, configurationNls().zh]] as const) {
    const path = join(ROOT, file);
    writeFileSync(path, withNlsEntries(existsSync(path) ? readFileSync(path, 'utf8') : '{}', texts));
  }
  const readmePath = join(ROOT, 'README.md');
  writeFileSync(readmePath, withReadmeBlocks(existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined, packageText));
  console.log(`generated ${RULES.length} rule pages, the README rule, settings and command tables, ${SCHEMA_PATH}, package.json contributions and their ${NLS_EN} / ${NLS_ZH} entries`);
}

if (require.main === module) main();
