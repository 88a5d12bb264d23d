/**
 * Editor settings that are not rules (`cotTrace.*`), declared once: `scripts/generate.ts`
 * writes them into package.json `contributes.configuration`, and the extension reads them.
 * Add new settings here, then run `npm run generate`.
 */
import { PRESET_DESCRIPTIONS, PRESET_NAMES } from './grpo/advantages';

export interface SettingMeta {
  /** Key without the `cotTrace.` prefix. */
  key: string;
  /** JSON schema of the value (type, enum, default, …). */
  schema: Record<string, unknown>;
  /** Markdown description shown in the Settings editor. */
  description: string;
  /** Descriptions of enum values, in the order of `schema.enum`. */
  enumDescriptions?: string[];
  /** The same in Simplified Chinese (written into package.nls.zh-cn.json by the generator). */
  zh: { description: string; enumDescriptions?: string[] };
}

/** Chinese for PRESET_DESCRIPTIONS (one sentence each, ending with a full stop). */
const PRESET_DESCRIPTIONS_ZH: Readonly<Record<(typeof PRESET_NAMES)[number], string>> = {
  trl: 'Hugging Face TRL：样本标准差 + 1e-4，按组计算；组里只有一个输出时优势为 0。',
  verl: 'verl：样本标准差 + 1e-6，按组计算；组里只有一个输出时保留原始奖励（均值 0，标准差 1）。',
  'dr-grpo': 'Dr. GRPO：减去组均值，不除以标准差。',
  paper: '论文中的公式：(r − mean) / std，使用普通（总体）标准差，不加 epsilon。',
  openrlhf: 'OpenRLHF group_norm：样本标准差 + 1e-9，按组计算；组里只有一个输出时优势为 0。',
};

export const SETTINGS: SettingMeta[] = [
  {
    key: 'run',
    schema: { type: 'string', enum: ['onType', 'onSave'], default: 'onType' },
    description: 'When to check open datasets: while typing, or when the file is saved.',
    enumDescriptions: ['Check as you type (debounced).', 'Check when the file is saved.'],
    zh: { description: '何时检查已打开的数据集：输入时，或保存文件时。', enumDescriptions: ['边输入边检查（有防抖）。', '保存文件时检查。'] },
  },
  {
    key: 'codeLens.enable',
    schema: { type: 'boolean', default: true },
    description: 'Show each trace\'s rewards in a code lens above it.',
    zh: { description: '在每条推理轨迹上方用 CodeLens 显示它的各项奖励。' },
  },
  {
    key: 'severityOverride',
    schema: { type: 'string', enum: ['none', 'warning', 'info'], default: 'none' },
    description: 'Downgrade every CoT Trace problem at once, whatever the rule settings say.',
    enumDescriptions: ['Keep each rule\'s own severity.', 'Show errors as warnings.', 'Show every problem as information.'],
    zh: {
      description: '一次性降低所有 CoT Trace 问题的严重级别，不论各规则如何设置。',
      enumDescriptions: ['保留每条规则自己的严重级别。', '把错误显示为警告。', '把所有问题都显示为信息。'],
    },
  },
  {
    key: 'maxProblemsPerReport',
    schema: { type: 'integer', minimum: 0, default: 1000 },
    description:
      'Editors that take one diagnostics report per document (Neovim, Helix, Emacs and others that do not pull diagnostics in parts) get at most this many problems per document, the most severe kept (errors, then warnings, then information), with one more line saying how many were left out. `0` reports them all. VS Code pulls diagnostics in parts and always gets every problem.',
    zh: {
      description:
        '对每个文档只接收一份诊断报告的编辑器（Neovim、Helix、Emacs 等不分批拉取诊断的编辑器），每个文档最多报告这么多问题，优先保留最严重的（先错误，再警告，再信息），并多加一行说明省略了多少。`0` 表示全部报告。VS Code 分批拉取诊断，总能得到所有问题。',
    },
  },
  {
    key: 'datasets.include',
    schema: { type: 'array', items: { type: 'string' }, default: [] },
    description:
      'Glob patterns of JSON / JSON Lines files to check even when their first 64 KB show no reasoning trace (for example `**/rollouts/*.jsonl`). Other JSON files are checked only when they hold traces.',
    zh: {
      description:
        '即使前 64 KB 中看不到推理轨迹也要检查的 JSON / JSON Lines 文件的 glob 模式（例如 `**/rollouts/*.jsonl`）。其他 JSON 文件只有在含有推理轨迹时才会检查。',
    },
  },
  {
    key: 'grpo.preset',
    schema: { type: 'string', enum: [...PRESET_NAMES], default: 'trl' },
    description: 'How **Compute Group Advantages from Selection** normalises rewards into advantages, for the inline hints and as the calculator\'s starting preset.',
    enumDescriptions: PRESET_NAMES.map((name) => `${PRESET_DESCRIPTIONS[name]}.`),
    zh: {
      description: '**根据选区计算组优势** 如何把奖励归一化为优势，用于行内提示，也是 GRPO 计算器的初始预设。',
      enumDescriptions: PRESET_NAMES.map((name) => PRESET_DESCRIPTIONS_ZH[name]),
    },
  },
  {
    key: 'review.labels',
    schema: {
      type: 'array',
      items: { type: 'string' },
      default: ['mixed-language', 'long-paragraph', 'code-block', 'no-summary', 'wrong-answer', 'repetition', 'truncated', 'exemplary'],
    },
    description: 'Labels offered in the dataset review panel, bound to the keys 1–9 in this order.',
    zh: { description: '数据集审阅面板中提供的标签，按此顺序绑定到 1–9 键。' },
  },
];
