/**
 * Renders a model output (chain of thought + answer) the way the `cot-trace` grammar colours
 * it in the editor: layout tags, the thought text, sentence-initial reflection phrases
 * ("Wait", "Hmm", …) and `\boxed{…}` answers, using the `.trace` classes of base.css.
 *
 * `tokenizeTrace` is pure (no DOM) so it is unit-tested in Node; `renderTrace` builds the
 * spans. Text always goes in through text nodes: a trace can never inject markup.
 */
import { reflectionAt } from '../../src/core/trace/reflection';

export type TraceTokenKind = 'tag' | 'thought' | 'text' | 'reflection' | 'boxed';

export interface TraceToken {
  kind: TraceTokenKind;
  text: string;
  /** True for tokens inside a thought block (reflections and boxes can be either). */
  inThought: boolean;
}

/** Markers of the layouts the engine knows; `opens`/`closes` say whether they start or end a thought. */
const TAGS: ReadonlyArray<{ re: RegExp; effect: 'open' | 'close' | 'none' }> = [
  { re: /<think>/y, effect: 'open' },
  { re: /<\/think>/y, effect: 'close' },
  { re: /<reasoning>/y, effect: 'open' },
  { re: /<\/reasoning>/y, effect: 'close' },
  { re: /<\|begin_of_thought\|>/y, effect: 'open' },
  { re: /<\|end_of_thought\|>/y, effect: 'close' },
  { re: /<\/?answer>/y, effect: 'none' },
  { re: /<\|(?:begin|end)_of_solution\|>/y, effect: 'none' },
  { re: /\|special_token\|/y, effect: 'none' },
];

const BOXED = '\\boxed{';

/** End (exclusive) of a `\boxed{…}` starting at `i`, braces balanced; -1 when unclosed. */
function boxedEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i + BOXED.length - 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

const SENTENCE_END = new Set(['\n', '.', '!', '?', '。', '！', '？', '，']);
const SKIPPED = new Set([' ', '\t', '*', '"']);

/** Splits a trace into highlight tokens. Adjacent plain characters are merged. */
export function tokenizeTrace(text: string): TraceToken[] {
  const tokens: TraceToken[] = [];
  let inThought = false;
  let atStart = true;
  let runStart = 0;
  const flush = (end: number) => {
    if (end > runStart) tokens.push({ kind: inThought ? 'thought' : 'text', text: text.slice(runStart, end), inThought });
  };
  let i = 0;
  outer: while (i < text.length) {
    const c = text[i];
    if (c === '<' || c === '|') {
      for (const tag of TAGS) {
        tag.re.lastIndex = i;
        const m = tag.re.exec(text);
        if (!m) continue;
        flush(i);
        const after: boolean = tag.effect === 'open' ? true : tag.effect === 'close' ? false : inThought;
        // A closing tag still belongs to the thought it ends.
        tokens.push({ kind: 'tag', text: m[0], inThought: tag.effect === 'close' || after });
        inThought = after;
        i += m[0].length;
        runStart = i;
        atStart = true;
        continue outer;
      }
    }
    if (c === '\\' && text.startsWith(BOXED, i)) {
      const end = boxedEnd(text, i);
      if (end > 0) {
        flush(i);
        tokens.push({ kind: 'boxed', text: text.slice(i, end), inThought });
        i = end;
        runStart = i;
        atStart = false;
        continue;
      }
    }
    if (SKIPPED.has(c)) {
      i++;
      continue;
    }
    if (atStart) {
      const phrase = reflectionAt(text, i);
      if (phrase) {
        flush(i);
        tokens.push({ kind: 'reflection', text: phrase, inThought });
        i += phrase.length;
        runStart = i;
        atStart = false;
        continue;
      }
    }
    atStart = SENTENCE_END.has(c);
    i++;
  }
  flush(text.length);
  return tokens;
}

const CLASS: Record<TraceTokenKind, string | undefined> = {
  tag: 'tag',
  thought: 'thought',
  text: undefined,
  reflection: 'reflection',
  boxed: 'boxed',
};

/** Hover titles of the highlighted parts (a panel in another language passes its own). */
export interface TraceTitles {
  boxed: string;
  reflection: string;
}
const TRACE_TITLES: TraceTitles = { boxed: 'Final answer, checked by the accuracy reward', reflection: 'Self-correction' };

/** Texts of the legend: the sample words shown in colour and what each colour means. */
export interface TraceLegendLabels {
  tag: string;
  thoughtSample: string;
  thought: string;
  reflectionSample: string;
  reflection: string;
  boxed: string;
}
const LEGEND_LABELS: TraceLegendLabels = {
  tag: 'layout tag',
  thoughtSample: 'thought',
  thought: 'reasoning text',
  reflectionSample: 'Wait',
  reflection: 'self-correction',
  boxed: 'checked answer',
};

/**
 * A `<pre class="trace">` with one span per token. Reflection phrases are `<mark>` elements
 * so screen readers can announce them as highlighted; the block is focusable and labelled.
 */
export function renderTrace(text: string, label = 'Model output', titles: TraceTitles = TRACE_TITLES): HTMLPreElement {
  const pre = document.createElement('pre');
  pre.className = 'trace';
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', label);
  for (const token of tokenizeTrace(text)) {
    const cls = CLASS[token.kind];
    if (!cls) {
      pre.appendChild(document.createTextNode(token.text));
      continue;
    }
    const span = document.createElement(token.kind === 'reflection' ? 'mark' : 'span');
    span.className = token.inThought && token.kind !== 'thought' && token.kind !== 'tag' ? `${cls} in-thought` : cls;
    if (token.kind === 'boxed') span.title = titles.boxed;
    if (token.kind === 'reflection') span.title = titles.reflection;
    // A layout tag is markup, the same in every language.
    if (token.kind === 'tag') span.setAttribute('translate', 'no');
    span.textContent = token.text;
    pre.appendChild(span);
  }
  return pre;
}

/**
 * A small key explaining the colours, for placing under a rendered trace. Given the kinds of
 * token a trace holds, it names only those (and returns null when there is nothing to explain).
 * A panel in another language passes its own labels.
 */
export function renderTraceLegend(kinds?: ReadonlySet<TraceTokenKind>, labels: TraceLegendLabels = LEGEND_LABELS): HTMLElement | null {
  const legend = document.createElement('p');
  legend.className = 'trace-legend muted';
  const item = (cls: string, sample: string, meaning: string, tag = 'span') => {
    const wrap = document.createElement('span');
    wrap.className = 'trace legend-item';
    wrap.dataset.kind = cls;
    const swatch = document.createElement(tag);
    swatch.className = cls;
    swatch.textContent = sample;
    // The markup samples (`<think>`, `\\boxed{…}`) are the same in every language.
    if (cls === 'tag' || cls === 'boxed') swatch.setAttribute('translate', 'no');
    wrap.append(swatch, document.createTextNode(` ${meaning}`));
    return wrap;
  };
  const all: Array<[TraceTokenKind, HTMLElement]> = [
    ['tag', item('tag', '<think>', labels.tag)],
    ['thought', item('thought', labels.thoughtSample, labels.thought)],
    ['reflection', item('reflection', labels.reflectionSample, labels.reflection, 'mark')],
    ['boxed', item('boxed', '\\boxed{…}', labels.boxed)],
  ];
  const shown = all.filter(([kind]) => !kinds || kinds.has(kind));
  if (!shown.length) return null;
  legend.append(...shown.map(([, el]) => el));
  return legend;
}
