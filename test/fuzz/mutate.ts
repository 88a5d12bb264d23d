/**
 * Seeded mutations of the real records in test/fixtures (corpus and rule fixtures), for the
 * fuzz suite. Everything is drawn from one PRNG, so a seed gives the same records again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const fixturesDir = resolve(__dirname, '..', 'fixtures');

/** The seed: FUZZ_SEED when set, else a fresh one (printed by the suite). */
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/** mulberry32: small, fast, good enough for picking mutations. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const shorten = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max / 2) + text.slice(-max / 2));

/** Shortens every long string of a parsed record (keeps the ends, where the markers are). */
function shrink(value: unknown, max: number): unknown {
  if (typeof value === 'string') return shorten(value, max);
  if (Array.isArray(value)) return value.slice(0, 4).map((v) => shrink(v, max));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shrink(v, max)]));
  return value;
}

/** The seed records, as JSON Lines lines: every corpus record (long strings shortened) and every rule fixture as a completion. */
export function seedRecords(): string[] {
  const out: string[] = [];
  const corpus = join(fixturesDir, 'corpus');
  for (const name of readdirSync(corpus)) {
    const text = readFileSync(join(corpus, name), 'utf8');
    if (name.endsWith('.jsonl')) {
      for (const line of text.split('\n')) if (line.trim()) out.push(JSON.stringify(shrink(JSON.parse(line), 3000)));
    } else if (name.endsWith('.json')) {
      const doc = JSON.parse(text) as { results?: unknown[] };
      for (const item of (doc.results ?? []).slice(0, 40)) out.push(JSON.stringify(shrink(item, 3000)));
    }
  }
  const rules = join(fixturesDir, 'rules');
  for (const name of readdirSync(rules)) {
    if (!name.endsWith('.cot')) continue;
    const text = readFileSync(join(rules, name), 'utf8');
    out.push(JSON.stringify({ prompt: name, completion: text, answer: '4' }));
  }
  return out;
}

const ASTRAL = ['😀', '𝑥', '🧠', '𠀀', '👩‍👩‍👧', '\ud83d', '\ude00'];
const MARKERS = ['<think>', '</think>', '<answer>', '</answer>', '\\boxed{', '}', '\n', 'Wait, ', '<|begin_of_thought|>', '<|end_of_solution|>'];

/** One mutation of a JSON Lines line (the result may hold any characters, also lone surrogates and raw line breaks). */
export function mutate(line: string, rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const at = () => Math.floor(rand() * (line.length + 1));
  switch (Math.floor(rand() * 14)) {
    case 0:
      return line.slice(0, at());
    case 1: {
      // Byte flips (decoded leniently: bad sequences become U+FFFD).
      const bytes = Buffer.from(line, 'utf8');
      for (let k = 0; k < 1 + rand() * 4; k++) bytes[Math.floor(rand() * bytes.length)] ^= 1 << Math.floor(rand() * 8);
      return new TextDecoder().decode(bytes);
    }
    case 2:
      return '\ufeff' + line;
    case 3:
      return line.replace(/\\n/g, () => pick(['\\r\\n', '\\r', '\r', '\r\n', '\\n']));
    case 4: {
      const depth = Math.floor(rand() * 30000);
      const i = line.indexOf(':') + 1;
      return rand() < 0.5 ? line.slice(0, i) + '['.repeat(depth) + line.slice(i) : line.slice(0, i) + '['.repeat(depth) + '1' + ']'.repeat(depth) + ',' + line.slice(i).replace(/^[^,]*,?/, '');
    }
    case 5:
      return line.slice(0, -1) + ',"pad":"' + 'x'.repeat(50_000 + Math.floor(rand() * 150_000)) + '"}';
    default:
      break;
  }
  // Mutations of the values: re-serialised, so the line stays valid JSON (not for deep
  // nesting, which JSON.stringify and this walk would recurse through).
  if (/[[{]{100}/.test(line)) return line.slice(0, at());
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return line;
  }
  const edit = (text: string): string => {
    const i = Math.floor(rand() * (text.length + 1));
    switch (Math.floor(rand() * 5)) {
      case 0:
        return text.slice(0, i) + pick(ASTRAL) + text.slice(i);
      case 1:
        return text.slice(0, i) + pick(MARKERS) + text.slice(i);
      case 2: {
        // Astral characters right around a marker, where findings start and end.
        const m = text.search(/<\/?think>|<\/?answer>|\\boxed/);
        return m < 0 ? pick(ASTRAL) + text : text.slice(0, m) + pick(ASTRAL) + text.slice(m, m + 7) + pick(ASTRAL) + text.slice(m + 7);
      }
      case 3:
        return text.repeat(2 + Math.floor(rand() * 3));
      default:
        return text.slice(0, i);
    }
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return rand() < 0.6 ? edit(v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  switch (Math.floor(rand() * 8)) {
    case 0:
      // Odd schemas: the record as an array, a number, null, wrapped in a messages list, keys renamed.
      return JSON.stringify(pick([[value], 42, null, 'text', { messages: [{ role: 'assistant', content: value }] }, { results: [value] }]));
    case 1:
      return JSON.stringify(value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [rand() < 0.5 ? k.toUpperCase() : k, v])) : value);
    default:
      return JSON.stringify(walk(value));
  }
}

/** True when offset `at` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const a = text.charCodeAt(at - 1);
  const b = text.charCodeAt(at);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}
