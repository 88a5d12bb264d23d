/**
 * The symbolic side of answer checking, behind a small bounded interface over
 * `@cortex-js/compute-engine` (LaTeX → expression tree, compared symbolically and numerically).
 *
 * Only what the fast paths in `compare.ts` cannot decide reaches this file: expressions with
 * variables, functions, factorials, complex numbers. The engine is created on first use
 * (it takes about 0.2 s), every input is size-checked before it is parsed, parsed forms are
 * kept in a bounded cache (datasets repeat their reference answers), and nothing here throws.
 */
import type { ComputeEngine } from '@cortex-js/compute-engine';
import { ref, render, type Localized, type MessageArg, type MessageId } from '../messages';

/**
 * The compute engine's library, loaded by the first expression that reaches the engine: it is
 * the largest part of every Node bundle (which keep it in a bundle of its own, dist/math.js,
 * see esbuild.mjs), and most datasets never need it. The same library, whoever loads it.
 */
function library(): typeof import('@cortex-js/compute-engine') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@cortex-js/compute-engine');
}

/** The largest LaTeX string handed to the engine. */
export const MAX_SYMBOLIC_CHARS = 300;
/** The deepest brace/parenthesis nesting handed to the engine. */
const MAX_DEPTH = 12;
/** No integer literal longer than this (factorials and powers of huge numbers stay cheap). */
const MAX_DIGITS = 40;
/** Parsed forms kept (least recently used dropped first). */
const CACHE_SIZE = 2000;

/** A verdict, its reason in English (`reason`) and as a message of the catalogue (`why`). */
export type SymbolicVerdict = { equal: boolean | null; reason: string; why: Localized };

function verdict(equal: boolean | null, id: MessageId, args?: Record<string, MessageArg>): SymbolicVerdict {
  const why = ref(id, args);
  return { equal, reason: render(why), why };
}

/** Why an expression has no parsed form (kept in the cache as such). */
interface Failure {
  failed: Localized;
}

type Boxed = ReturnType<ComputeEngine['parse']>;

let engine: ComputeEngine | undefined;
function ce(): ComputeEngine {
  if (!engine) {
    engine = new (library().ComputeEngine)();
    // Keep every evaluation short: a runaway one is stopped and reported as not checkable.
    engine.timeLimit = 200;
    engine.iterationLimit = 2000;
    engine.recursionLimit = 200;
  }
  return engine;
}

const cache = new Map<string, Boxed | Failure>();

/** Why `latex` is not handed to the engine, or undefined when it may be. */
export function symbolicLimit(latex: string): Localized | undefined {
  if (latex.length > MAX_SYMBOLIC_CHARS) return ref('reason.expression-too-long', { max: MAX_SYMBOLIC_CHARS });
  let depth = 0;
  let digits = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex.charCodeAt(i);
    if (c === 0x7b || c === 0x28 || c === 0x5b) {
      if (++depth > MAX_DEPTH) return ref('reason.expression-too-deep', { max: MAX_DEPTH });
    } else if (c === 0x7d || c === 0x29 || c === 0x5d) depth--;
    if (c >= 0x30 && c <= 0x39) {
      if (++digits > MAX_DIGITS) return ref('reason.number-too-long', { max: MAX_DIGITS });
    } else if (c !== 0x2e) digits = 0;
  }
  return undefined;
}

/**
 * Operators the engine is not trusted with: on an infinite sum it runs for seconds (a double one
 * for ever, whatever its time limit), and on integrals it answers wrongly (∫₀¹x² dx ≠ 1/3). An
 * expression holding one is compared as written only. A sum or product over literal integer
 * bounds is kept when all its nested ranges together have at most this many terms.
 */
const MAX_TERMS = 10_000;
const UNBOUNDED = new Set(['Integrate', 'NIntegrate', 'Limit', 'NLimit', 'D', 'ND', 'Derivative']);

/** Why the engine must not evaluate `json`, or undefined when it may. */
function unbounded(json: unknown, terms = 1): Localized | undefined {
  if (!Array.isArray(json)) return undefined;
  const head = json[0];
  if (typeof head === 'string' && UNBOUNDED.has(head)) return ref('reason.unbounded.calculus');
  if (head === 'Sum' || head === 'Product') {
    for (const limits of json.slice(2)) {
      const range = Array.isArray(limits) && limits[0] === 'Limits' ? limits : undefined;
      const [lo, hi] = range ? [range[2], range[3]] : [];
      if (!Number.isInteger(lo) || !Number.isInteger(hi)) return ref('reason.unbounded.bounds');
      terms *= Math.max(1, (hi as number) - (lo as number) + 1);
      if (terms > MAX_TERMS) return ref('reason.unbounded.terms', { max: MAX_TERMS });
    }
    if (json.length < 3) return ref('reason.unbounded.bounds');
  }
  for (let i = 1; i < json.length; i++) {
    const why = unbounded(json[i], terms);
    if (why) return why;
  }
  return undefined;
}

function hasError(json: unknown): boolean {
  if (json === 'Error' || json === 'Nothing') return true;
  if (Array.isArray(json)) return json.some(hasError);
  return false;
}

/** The parsed form of `latex`, or why there is none. */
function parse(latex: string): Boxed | Failure {
  const hit = cache.get(latex);
  if (hit !== undefined) {
    cache.delete(latex);
    cache.set(latex, hit);
    return hit;
  }
  let result: Boxed | Failure;
  const limit = symbolicLimit(latex);
  if (limit) result = { failed: limit };
  else {
    try {
      const expr = ce().parse(latex);
      result = hasError(expr.json) ? { failed: ref('reason.malformed-latex') } : expr;
    } catch {
      result = { failed: ref('reason.unparsable') };
    }
  }
  cache.set(latex, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

/** Whether `latex` parses to a well-formed expression (within the limits). */
export function symbolicParses(latex: string): boolean {
  return !('failed' in parse(latex));
}

/** The numeric value of `latex` when it is a real constant expression, else undefined. */
export function symbolicNumber(latex: string): number | undefined {
  const expr = parse(latex);
  if ('failed' in expr) return undefined;
  try {
    if (expr.unknowns.length > 0 || unbounded(expr.json)) return undefined;
    const value = expr.N().re;
    return typeof value === 'number' && Number.isFinite(value) && expr.N().im === 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compares two LaTeX expressions: the same tree, or equal by the engine's own test (symbolic
 * simplification, then numeric evaluation at sample points). Never throws.
 */
export function symbolicEqual(a: string, b: string): SymbolicVerdict {
  const x = parse(a);
  if ('failed' in x) return verdict(null, 'reason.answer-not-checkable', { reason: x.failed });
  const y = parse(b);
  if ('failed' in y) return verdict(null, 'reason.reference-not-checkable', { reason: y.failed });
  try {
    if (x.isSame(y)) return verdict(true, 'reason.same-expression');
    const why = unbounded(x.json) ?? unbounded(y.json);
    if (why) return verdict(null, why.id as MessageId, why.args);
    const equal = x.isEqual(y);
    if (equal === true) return verdict(true, 'reason.engine-equal');
    if (equal === false) return verdict(false, 'reason.engine-different');
    return verdict(null, 'reason.engine-undecided');
  } catch {
    return verdict(null, 'reason.engine-limit');
  }
}
