// Writes a realistic JSON Lines dataset of reasoning traces for the benchmark (deterministic).
//   node bench/generate.mjs [MB] [file]
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const targetMB = Number(process.argv[2] ?? 100);
const file = process.argv[3] ?? `bench/data/traces-${targetMB}mb.jsonl`;

let seed = 42;
const random = () => {
  // mulberry32
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const OPENERS = ['Let me think about this.', 'First, I need to understand the problem.', 'Okay, so the question asks', 'We are given that'];
const STEPS = [
  'Step {n}: compute {a} * {b} = {ab}.',
  'Next, add {a} and {b} to get {apb}.',
  'So the remainder when {ab} is divided by {b} is 0.',
  'Then the area is {a} times {b}, which is {ab}.',
  'Now substitute x = {a} into the equation: {a}^2 - {b} = {sq}.',
  '- The sum of the first {a} terms is {tri}.',
  'Finally, the difference is {amb}.',
  'Using the identity (x + y)^2 = x^2 + 2xy + y^2 with x = {a}, y = {b}.',
];
const REFLECTIONS = ['Wait, let me double-check that.', 'Hmm, that does not look right.', 'Let me verify: {ab} / {b} = {a}. Yes.', 'Alternatively, we could solve it another way.', 'But wait, I should re-check the sign.'];
const CHINESE = ['等一下，我需要重新检查这个计算。', '所以答案应该是{ab}。', '让我们再想一想这个问题。', '首先，计算{a}乘以{b}。'];

function fill(template) {
  const a = int(2, 999);
  const b = int(2, 99);
  return template
    .replaceAll('{a}', a)
    .replaceAll('{b}', b)
    .replaceAll('{ab}', a * b)
    .replaceAll('{apb}', a + b)
    .replaceAll('{amb}', a - b)
    .replaceAll('{sq}', a * a - b)
    .replaceAll('{tri}', (a * (a + 1)) / 2)
    .replaceAll('{n}', int(1, 12));
}

function thought(chars, chinese) {
  const parts = [pick(OPENERS)];
  let length = parts[0].length;
  let paragraph = 0;
  while (length < chars) {
    const r = random();
    const sentence = fill(r < 0.12 ? pick(REFLECTIONS) : chinese && r < 0.3 ? pick(CHINESE) : pick(STEPS));
    paragraph++;
    const sep = paragraph % int(3, 6) === 0 ? '\n\n' : ' ';
    parts.push(sep + sentence);
    length += sentence.length + sep.length;
  }
  return parts.join('');
}

function trace(answer, style) {
  const body = thought(int(3000, 8000), random() < 0.15);
  const unclosed = random() < 0.1;
  const final = `Therefore, the answer is \\boxed{${random() < 0.7 ? answer : answer + 1}}.`;
  switch (style) {
    case 'r1-zero':
      return unclosed ? `<think>\n${body}` : `<think>\n${body}\n</think>\n<answer>\n${answer}\n</answer>`;
    case 'openthoughts':
      return unclosed
        ? `<|begin_of_thought|>\n\n${body}`
        : `<|begin_of_thought|>\n\n${body}\n\n<|end_of_thought|>\n\n<|begin_of_solution|>\n\n${final}\n\n<|end_of_solution|>`;
    case 'prefilled':
      return unclosed ? body : `${body}\n</think>\n\n${final}`;
    default:
      return unclosed ? `<think>\n${body}` : `<think>\n${body}\n</think>\n\n${final}`;
  }
}

function record(i) {
  const a = int(2, 999);
  const b = int(2, 99);
  const answer = a * b;
  const problem = `What is ${a} multiplied by ${b}? Give the final answer in a box.`;
  const shape = i % 8;
  switch (shape) {
    case 0:
      return { id: `p${i}`, prompt: problem, completion: trace(answer, 'r1'), answer: String(answer) };
    case 1:
      return { uuid: `u${i}`, messages: [{ role: 'user', content: problem }, { role: 'assistant', content: trace(answer, 'r1') }], answer: String(answer) };
    case 2:
      return {
        system: 'Your role as an assistant involves thoroughly exploring questions through a systematic long thinking process.',
        conversations: [{ from: 'user', value: problem }, { from: 'assistant', value: trace(answer, 'openthoughts') }],
        ground_truth: String(answer),
      };
    case 3:
      return { problem, answer: String(answer), generations: [trace(answer, 'r1'), trace(answer, 'r1')], uuid: `g${i}` };
    case 4: {
      const full = trace(answer, 'r1');
      const close = full.indexOf('</think>');
      return {
        id: `s${i}`,
        question: problem,
        message: { role: 'assistant', reasoning_content: close < 0 ? full.slice(8) : full.slice(8, close), content: close < 0 ? '' : full.slice(close + 9) },
        answer: String(answer),
      };
    }
    case 5:
      return { item_id: `t${i}`, problem, prompt: `<｜User｜>${problem}<｜Assistant｜><think>\n`, full_response: trace(answer, 'prefilled'), ground_truth: String(answer) };
    case 6:
      return { idx: i, question: problem, gt: String(answer), answer: String(answer), code: [trace(answer, 'openthoughts')] };
    default:
      return { question: { question: problem, ground_truth: String(answer) }, ground_truth: String(answer), model_output: trace(answer, 'r1-zero') };
  }
}

mkdirSync(dirname(file), { recursive: true });
const out = createWriteStream(file);
const limit = targetMB * 1024 * 1024;
let written = 0;
let i = 0;
while (written < limit) {
  let batch = '';
  for (let k = 0; k < 200 && written + batch.length < limit; k++) batch += JSON.stringify(record(i++)) + '\n';
  written += Buffer.byteLength(batch);
  if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
}
out.end();
await new Promise((r) => out.once('finish', r));
console.log(`wrote ${file}: ${(written / 1024 / 1024).toFixed(1)} MB, ${i} records`);
