/**
 * Labels more than one panel shows, per locale (as each panel's `strings.ts`): the rewards'
 * names. The identifiers (`format`, `tag_count` …, as in the settings and the CLI) are shown
 * beside them as code; the Chinese names are the R1 paper's (格式奖励, 准确率奖励, 语言一致性奖励).
 */
import type { Locale } from './locale';
import type { RewardName } from '../../src/core/types';

const en = {
  rewardFormat: 'Format',
  rewardTagCount: 'Tag count',
  rewardLanguage: 'Language consistency',
  rewardAccuracy: 'Accuracy',
  rewardReasoningSteps: 'Reasoning steps',
  rewardRepetition: 'Repetition penalty',
  rewardOverlong: 'Overlong penalty',
};

export type CommonStrings = typeof en;

const zhCn: CommonStrings = {
  rewardFormat: '格式奖励',
  rewardTagCount: '标签计数奖励',
  rewardLanguage: '语言一致性奖励',
  rewardAccuracy: '准确率奖励',
  rewardReasoningSteps: '推理步骤奖励',
  rewardRepetition: '重复惩罚',
  rewardOverlong: '超长惩罚',
};

export const COMMON_STRINGS: Readonly<Record<Locale, CommonStrings>> = { en, 'zh-cn': zhCn };

const KEYS: Record<RewardName, keyof CommonStrings> = {
  format: 'rewardFormat',
  tag_count: 'rewardTagCount',
  language: 'rewardLanguage',
  accuracy: 'rewardAccuracy',
  reasoning_steps: 'rewardReasoningSteps',
  repetition: 'rewardRepetition',
  overlong: 'rewardOverlong',
};

/** A reward's name in `locale` (the identifier itself for one this table does not know). */
export function rewardName(name: string, locale: Locale): string {
  const key = (KEYS as Record<string, keyof CommonStrings | undefined>)[name];
  return key ? COMMON_STRINGS[locale][key] : name;
}
