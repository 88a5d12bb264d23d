/**
 * The walkthrough panel's own labels (the lessons themselves are in content/learn/), per
 * locale. Keys are names, values use `{0}` placeholders like `@vscode/l10n`; the `zh-cn` table
 * must have every key of `en` (the type says so, and test/unit/content checks the placeholders).
 */
import type { Locale } from '../common/locale';

const en = {
  heading: 'How DeepSeek-R1 was trained',
  documentTitle: 'R1 pipeline: {0}',
  progressLabel: 'Progress through the walkthrough',
  sectionOf: 'Section {0} of {1}',
  sectionOfTitled: 'Section {0} of {1}: {2}',
  sidebarLabel: 'Walkthrough sections',
  stagesLabel: 'Training stages',
  stripLabel: 'The four training stages',
  stage: 'Stage {0}: {1}',
  stage1: 'Cold start',
  stage2: 'Reasoning RL',
  stage3: 'Rejection sampling + SFT',
  stage4: 'RL for all scenarios',
  pagerLabel: 'Walkthrough navigation',
  previous: '← Previous',
  previousLabel: 'Previous section',
  next: 'Next →',
  nextLabel: 'Next section',
  languageLabel: 'Language',
  exampleOutput: 'Example model output',
  chartNumbers: '{0}: the numbers',
  chart: 'Bar chart',
  chartSummary: '{0}: {1} for {2} entries. The table below lists the same numbers.',
  listSeparator: ', ',
  legendTag: 'layout tag',
  legendThoughtSample: 'thought',
  legendThought: 'reasoning text',
  legendReflectionSample: 'Wait',
  legendReflection: 'self-correction',
  legendBoxed: 'checked answer',
  titleBoxed: 'Final answer, checked by the accuracy reward',
  titleReflection: 'Self-correction',
};

export type PipelineStrings = typeof en;

const zhCn: PipelineStrings = {
  heading: 'DeepSeek-R1 是怎样训练出来的',
  documentTitle: 'R1 训练流程：{0}',
  progressLabel: '教程阅读进度',
  sectionOf: '第 {0} 节，共 {1} 节',
  sectionOfTitled: '第 {0} 节，共 {1} 节：{2}',
  sidebarLabel: '教程章节',
  stagesLabel: '训练阶段',
  stripLabel: '四个训练阶段',
  stage: '阶段 {0}：{1}',
  stage1: '冷启动',
  stage2: '推理强化学习',
  stage3: '拒绝采样 + 监督微调',
  stage4: '全场景强化学习',
  pagerLabel: '教程导航',
  previous: '← 上一节',
  previousLabel: '上一节',
  next: '下一节 →',
  nextLabel: '下一节',
  languageLabel: '语言',
  exampleOutput: '模型输出示例',
  chartNumbers: '{0}：具体数字',
  chart: '柱状图',
  chartSummary: '{0}：{1}，共 {2} 项。下方表格列出了同样的数字。',
  listSeparator: '、',
  legendTag: '格式标签',
  legendThoughtSample: '思考',
  legendThought: '推理文本',
  legendReflectionSample: '等等',
  legendReflection: '自我纠错',
  legendBoxed: '受检查的答案',
  titleBoxed: '最终答案，由准确率奖励检查',
  titleReflection: '自我纠错',
};

export const PIPELINE_STRINGS: Readonly<Record<Locale, PipelineStrings>> = { en, 'zh-cn': zhCn };
