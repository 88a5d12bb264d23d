/**
 * The quiz questions (content/quiz/questions.json) against their JSON schema, plus the rules
 * a schema cannot express: exactly one correct choice, unique ids, and a section link that
 * resolves to a real section of the walkthrough (content/learn/index.json + its file).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import type { Question } from '../../../webview/quiz/model';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));


const schema = read('content/quiz/questions.schema.json') as object;
const data = read('content/quiz/questions.json') as { questions: Question[] };
const index = read('content/learn/index.json') as { sections: Array<{ id: string; title: string; file: string; stage?: number }> };

/** Problems of a questions document beyond the schema. */
export function checkQuestions(questions: Question[], sectionIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.id)) problems.push(`${q.id}: duplicate id`);
    seen.add(q.id);
    const correct = q.choices.filter((c) => c.correct === true).length;
    if (correct !== 1) problems.push(`${q.id}: ${correct} correct choices (exactly one needed)`);
    if (!sectionIds.has(q.section)) problems.push(`${q.id}: section "${q.section}" does not exist`);
    if (!q.explanation.trim()) problems.push(`${q.id}: no explanation`);
    const shown = q.choices.map((c) => `${c.text ?? ''}\u0000${c.trace ?? ''}`);
    if (new Set(shown).size !== shown.length) problems.push(`${q.id}: two identical choices`);
  }
  return problems;
}

describe('quiz content', () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  const sectionIds = new Set(index.sections.map((s) => s.id));

  it('matches questions.schema.json', () => {
    const ok = validate(data);
    assert.ok(ok, ajv.errorsText(validate.errors, { separator: '\n' }));
  });

  it('has at least 15 questions, each with one correct answer, an explanation and a real section', () => {
    assert.ok(data.questions.length >= 15, `${data.questions.length} questions`);
    assert.deepEqual(checkQuestions(data.questions, sectionIds), []);
  });

  it('covers every part of the walkthrough and asks "which trace" questions', () => {
    const covered = new Set(data.questions.map((q) => q.section));
    for (const part of ['zero-vs-r1', 'aha', 'grpo', 'results', 'distillation', 'faq']) assert.ok(covered.has(part), `no question on ${part}`);
    assert.ok(index.sections.filter((s) => s.stage).every((s) => covered.has(s.id)), 'every stage has a question');
    const traceQuestions = data.questions.filter((q) => q.choices.every((c) => c.trace));
    assert.ok(traceQuestions.length >= 2, 'at least two questions offer traces as choices');
  });

  it('the schema and the checks reject broken questions', () => {
    const good = data.questions[0];
    const broken: unknown[] = [
      { ...good, choices: good.choices.map((c) => ({ ...c, correct: undefined })) },
      { ...good, choices: [{ text: 'only one' }] },
      { ...good, choices: [...good.choices, { text: 'a fifth' }, { text: 'a sixth' }] },
      { ...good, explanation: '' },
      { ...good, id: 'Not A Slug' },
      { ...good, extra: true },
      { ...good, choices: [{ correct: true }, { text: 'b' }] },
    ];
    for (const [i, q] of broken.entries()) {
      const questions = [q, ...data.questions.slice(1)];
      const schemaOk = validate({ questions });
      const extraOk = schemaOk && checkQuestions(questions as Question[], sectionIds).length === 0;
      assert.equal(extraOk, false, `broken question #${i} was accepted`);
    }
    assert.deepEqual(checkQuestions([good, good], sectionIds), [`${good.id}: duplicate id`]);
    assert.deepEqual(checkQuestions([{ ...good, section: 'nowhere' }], sectionIds), [`${good.id}: section "nowhere" does not exist`]);
  });
});

describe('walkthrough content', () => {
  it('lists unique sections whose Markdown files exist and start with the section title', () => {
    const ids = index.sections.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
    for (const section of index.sections) {
      const file = join(ROOT, 'content/learn', section.file);
      assert.ok(existsSync(file), `${section.file} is missing`);
      const firstLine = readFileSync(file, 'utf8').split('\n')[0];
      assert.equal(firstLine, `# ${section.title}`, `${section.file} heading`);
    }
  });

  it('has the four training stages in order', () => {
    assert.deepEqual(
      index.sections.filter((s) => s.stage).map((s) => s.stage),
      [1, 2, 3, 4],
    );
  });

  it('says which paper version a number comes from where v1 and Nature differ', () => {
    const texts = [
      ...index.sections.map((s) => readFileSync(join(ROOT, 'content/learn', s.file), 'utf8')),
      ...data.questions.map((q) => `${q.prompt}\n\n${q.explanation}`),
    ];
    const paragraphs = texts.flatMap((t) => t.split(/\n\s*\n/));
    const r1ZeroEnd = paragraphs.filter((p) => p.includes('71.0'));
    assert.ok(r1ZeroEnd.length > 0);
    for (const p of r1ZeroEnd) assert.match(p, /v1/, `71.0 without naming v1: ${p}`);
    for (const p of paragraphs.filter((p) => p.includes('77.9'))) assert.match(p, /Nature/, `77.9 without naming Nature: ${p}`);
  });

  it('only links to commands the extension allows and to sections that exist', () => {
    const allowed = new Set(['cotTrace.openPipeline', 'cotTrace.openQuiz', 'cotTrace.openSample', 'cotTrace.openSampleDataset', 'cotTrace.openCalculator']);
    const ids = new Set(index.sections.map((s) => s.id));
    for (const section of index.sections) {
      const text = readFileSync(join(ROOT, 'content/learn', section.file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (target.startsWith('command:')) {
          const name = target.slice('command:'.length).split('?')[0];
          assert.ok(allowed.has(name), `${section.file}: ${name} is not on the allow-list`);
        } else if (target.startsWith('#')) {
          assert.ok(ids.has(target.slice(1)), `${section.file}: no section ${target}`);
        }
      }
    }
  });
});
