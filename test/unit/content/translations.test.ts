/**
 * The Simplified Chinese lessons against the English ones: every English section and question
 * has its Chinese counterpart (content/learn/zh-cn/, content/quiz/questions.zh-cn.json) with the
 * same structure, the same right answers, the same links and the same numbers, and every panel
 * label exists in both string tables with the same placeholders. A missing or drifted
 * translation fails here.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import type { Question } from '../../../webview/quiz/model';
import { questionsFor } from '../../../webview/quiz/model';
import { PIPELINE_STRINGS } from '../../../webview/pipeline/strings';
import { QUIZ_STRINGS } from '../../../webview/quiz/strings';
import { CALCULATOR_STRINGS } from '../../../webview/calculator/strings';
import { REVIEW_STRINGS } from '../../../webview/review/strings';
import { STATS_STRINGS } from '../../../webview/stats/strings';
import { COMMON_STRINGS } from '../../../webview/common/strings';
import { format, pickLocale } from '../../../webview/common/locale';
import { checkQuestions } from './questions.test';

const ROOT = resolve(__dirname, '../../..');
const readText = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const readJson = (path: string): unknown => JSON.parse(readText(path));

type IndexEntry = { id: string; title: string; file: string; stage?: number };
const en = readJson('content/learn/index.json') as { sections: IndexEntry[] };
const zh = readJson('content/learn/zh-cn/index.json') as { sections: IndexEntry[] };
const enQuestions = (readJson('content/quiz/questions.json') as { questions: Question[] }).questions;
const zhDoc = readJson('content/quiz/questions.zh-cn.json') as { questions: Question[] };
const zhQuestions = zhDoc.questions;

/**
 * The numbers a text states, as values, in a set: `4,000` and `4k` are 4000, `~800k` and
 * `80 万` are 800000, `71.0` is 71, `3e-6` is 0.000003; signs and `%` are ignored. Digits inside
 * names (`R1`, `Qwen2.5-Math-1.5B`, `o1-1217`) count too, so names must stay as written.
 */
export function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  const re = /(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(e-?\d+)?(?:\s*(k|万)(?![a-z]))?/gi;
  for (const [, digits, exponent, unit] of text.matchAll(re)) {
    let value = Number(digits.replace(/,/g, '') + (exponent ?? ''));
    if (unit?.toLowerCase() === 'k') value *= 1000;
    else if (unit === '万') value *= 10000;
    found.add(Number(value.toPrecision(12)));
  }
  return found;
}

const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);
const links = (text: string): string[] => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).sort();
const fences = (text: string): string[] => [...text.matchAll(/^```(\w*)/gm)].map((m) => m[1]);
const tableShape = (text: string): number[] => text.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').length);
const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);

/** Labels that are names or formulas, the same in every language (trainers, their options, presets). */
const NAMES = new Set(['TRL', 'verl', 'Dr. GRPO', 'OpenRLHF', 'TRL multi_objective_aggregation', 'PPO 0.2 / 0.2', 'DAPO clip-higher 0.2 / 0.28', '{0}. {1}', '{0} / {1}', 'TRL, scale_rewards="batch"', 'TRL, normalize_then_sum']);

describe('Simplified Chinese lessons', () => {
  describe('walkthrough', () => {
    it('has every English section, in the same order, with the same files and stages', () => {
      assert.deepEqual(
        zh.sections.map((s) => ({ id: s.id, file: s.file, stage: s.stage })),
        en.sections.map((s) => ({ id: s.id, file: s.file, stage: s.stage })),
      );
    });

    for (const section of en.sections) {
      describe(section.id, () => {
        const zhEntry = zh.sections.find((s) => s.id === section.id);
        const zhPath = `content/learn/zh-cn/${section.file}`;
        const english = readText(`content/learn/${section.file}`);
        const chinese = existsSync(join(ROOT, zhPath)) ? readText(zhPath) : '';

        it('exists, is Chinese and starts with its Chinese title', () => {
          assert.ok(chinese, `${zhPath} is missing`);
          assert.ok(zhEntry && hasHan(zhEntry.title), `no Chinese title for ${section.id}`);
          assert.equal(chinese.split('\n')[0], `# ${zhEntry.title}`);
          const han = [...chinese].filter((c) => /\p{Script=Han}/u.test(c)).length;
          assert.ok(han > 40, `${zhPath}: only ${han} Chinese characters`);
        });

        it('states the same numbers as the English', () => {
          assert.deepEqual(sorted(numbersIn(chinese)), sorted(numbersIn(english)));
        });

        it('has the same links, code blocks and tables', () => {
          assert.deepEqual(links(chinese), links(english), 'links');
          assert.deepEqual(fences(chinese), fences(english), 'code blocks');
          assert.deepEqual(tableShape(chinese), tableShape(english), 'table rows and columns');
        });
      });
    }
  });

  it('names the paper version beside R1-Zero\'s end point, as the English does (71.0: v1, 77.9: Nature)', () => {
    const texts = [...zh.sections.map((s) => readText(`content/learn/zh-cn/${s.file}`)), ...zhQuestions.map((q) => `${q.prompt}\n\n${q.explanation}`)];
    const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n/));
    assert.ok(paragraphs.some((p) => p.includes('71.0')));
    for (const p of paragraphs.filter((p) => p.includes('71.0'))) assert.match(p, /v1/, p);
    for (const p of paragraphs.filter((p) => p.includes('77.9'))) assert.match(p, /Nature/, p);
  });

  describe('quiz', () => {
    it('matches questions.schema.json and the rules of the English questions', () => {
      const ajv = new Ajv({ allErrors: true });
      const validate = ajv.compile(readJson('content/quiz/questions.schema.json') as object);
      assert.ok(validate(zhDoc), ajv.errorsText(validate.errors, { separator: '\n' }));
      assert.deepEqual(checkQuestions(zhQuestions, new Set(en.sections.map((s) => s.id))), []);
    });

    it('has exactly the English question ids, in the same order', () => {
      assert.deepEqual(
        zhQuestions.map((q) => q.id),
        enQuestions.map((q) => q.id),
      );
    });

    for (const question of enQuestions) {
      describe(question.id, () => {
        const translated = zhQuestions.find((q) => q.id === question.id);

        it('teaches in the same section with the same choices and the same right answer', () => {
          assert.ok(translated, `${question.id} has no Chinese version`);
          assert.equal(translated.section, question.section);
          assert.equal(translated.choices.length, question.choices.length);
          assert.deepEqual(
            translated.choices.map((c) => ({ correct: c.correct === true, trace: c.trace !== undefined, text: c.text !== undefined })),
            question.choices.map((c) => ({ correct: c.correct === true, trace: c.trace !== undefined, text: c.text !== undefined })),
          );
          assert.equal(translated.trace !== undefined, question.trace !== undefined);
        });

        it('is Chinese and states the same numbers in the prompt, each choice and the explanation', () => {
          assert.ok(translated);
          assert.ok(hasHan(translated.prompt) && hasHan(translated.explanation), 'prompt and explanation in Chinese');
          const pairs: Array<[string, string | undefined, string | undefined]> = [
            ['prompt', question.prompt, translated.prompt],
            ['trace', question.trace, translated.trace],
            ['explanation', question.explanation, translated.explanation],
            ...question.choices.map((c, i): [string, string | undefined, string | undefined] => [
              `choice ${i + 1}`,
              `${c.text ?? ''} ${c.trace ?? ''}`,
              `${translated.choices[i]?.text ?? ''} ${translated.choices[i]?.trace ?? ''}`,
            ]),
          ];
          for (const [part, english, chinese] of pairs) {
            assert.deepEqual(sorted(numbersIn(chinese ?? '')), sorted(numbersIn(english ?? '')), `${part}: ${chinese}`);
          }
        });

        it('keeps the answer checks of a trace choice: tags and boxed answers as in the English', () => {
          assert.ok(translated);
          const shape = (t: string | undefined) => [...(t ?? '').matchAll(/<\/?(?:think|answer)>|\\boxed\{[^}]*\}/g)].map((m) => m[0]);
          question.choices.forEach((c, i) => assert.deepEqual(shape(translated.choices[i].trace), shape(c.trace), `choice ${i + 1}`));
        });
      });
    }

    it('the page falls back to English per question, and only when the choices line up', () => {
      assert.equal(questionsFor('zh-cn').length, enQuestions.length);
      assert.deepEqual(
        questionsFor('zh-cn').map((q) => q.id),
        enQuestions.map((q) => q.id),
      );
      assert.ok(questionsFor('zh-cn').every((q) => hasHan(q.prompt)));
      assert.equal(questionsFor('en')[0].prompt, enQuestions[0].prompt);
    });
  });

  describe('the number check itself', () => {
    it('reads thousands, k, 万, decimals and exponents as values', () => {
      assert.deepEqual(sorted(numbersIn('~800k samples, 4,000 steps, 71.0%, lr 3e-6')), [0.000003, 71, 4000, 800000]);
      assert.deepEqual(sorted(numbersIn('约 80 万条样本，第 4,000 步，71.0%，学习率 3e-6')), [0.000003, 71, 4000, 800000]);
      assert.deepEqual(sorted(numbersIn('steps 4k–7k')), [4000, 7000]);
    });

    it('fails a changed number', () => {
      assert.notDeepEqual(sorted(numbersIn('R1 reaches 79.8 on AIME 2024')), sorted(numbersIn('R1 在 AIME 2024 上达到 78.9')));
      assert.notDeepEqual(sorted(numbersIn('~600k')), sorted(numbersIn('约 6 万')));
    });
  });

  describe('panel labels', () => {
    const tables = { pipeline: PIPELINE_STRINGS, quiz: QUIZ_STRINGS, calculator: CALCULATOR_STRINGS, review: REVIEW_STRINGS, stats: STATS_STRINGS, common: COMMON_STRINGS } as const;
    for (const [panel, table] of Object.entries(tables)) {
      it(`${panel}: every English label has a Chinese one with the same placeholders`, () => {
        const english = table.en as Record<string, string>;
        const chinese = table['zh-cn'] as Record<string, string>;
        assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
        const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
        for (const key of Object.keys(english)) {
          assert.deepEqual(placeholders(chinese[key]), placeholders(english[key]), key);
          if (/[A-Za-z]{3}/.test(english[key]) && !['titleBoxed'].includes(key) && !NAMES.has(english[key])) {
            assert.ok(hasHan(chinese[key]) || chinese[key] === english[key], `${panel}.${key} is not translated: ${chinese[key]}`);
          }
        }
      });
    }

    it('formats placeholders like l10n.t', () => {
      assert.equal(format('Section {0} of {1}', 2, 11), 'Section 2 of 11');
      assert.equal(format('第 {0} 节，共 {1} 节', 2, 11), '第 2 节，共 11 节');
      assert.equal(format('{0} and {2}', 'a'), 'a and {2}');
    });
  });

  describe('choosing the language', () => {
    it('maps VS Code display languages: Simplified Chinese tags to zh-cn, the rest to English', () => {
      for (const tag of ['zh-cn', 'zh-CN', 'zh_CN', 'zh', 'zh-hans', 'zh-Hans-CN', 'zh-sg']) assert.equal(pickLocale(tag), 'zh-cn', tag);
      for (const tag of ['en', 'en-us', 'de', 'ja', 'zh-tw', 'zh-hk', 'zh-Hant', '', undefined, null]) assert.equal(pickLocale(tag), 'en', String(tag));
    });
  });
});
