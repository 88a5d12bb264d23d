import type { Convention, TraceSection } from '../types';
import { LAYOUTS, type Layout, type MarkerName, type Tag, scanTags } from './markers';
import { judgedConvention } from './datasetConvention';

/** A marker that does not fit the layout: a second opening inside the thought, a closing without opening, a repeat. */
export interface TagAnomaly {
  kind: 'nested' | 'stray' | 'duplicate';
  tag: Tag;
}

/** A content range with its markers (text offsets). */
export interface Part {
  start: number;
  end: number;
  open?: Tag;
  close?: Tag;
}

/** The structure of one trace, in text offsets of `text`. */
export interface ParsedTrace {
  text: string;
  convention: Convention;
  /** True when the convention was detected (not forced by the configuration). */
  detected: boolean;
  layout: Layout;
  tags: Tag[];
  /** The chain of thought (content, without markers). */
  thought?: Part;
  /** The answer / solution / summary (content, without markers). */
  answer?: Part;
  /** Non-blank text before the thought's opening marker. */
  preamble?: Part;
  /** Non-blank text after the answer's closing marker. */
  trailing?: Part;
  /** The thought was opened and never closed. */
  thoughtUnclosed: boolean;
  /** The text ends inside an open section (thought or answer): the generation was cut off. */
  truncated: boolean;
  /** The answer's opening marker comes before the thought. */
  misordered?: Tag;
  anomalies: TagAnomaly[];
  sections: TraceSection[];
}

export interface ParseOptions {
  /** Force a convention instead of detecting it. */
  convention?: Convention | 'auto' | 'per-trace';
  /** The dataset's dominant convention: a related outlier is read by its layout (see datasetConvention.ts). */
  dataset?: Convention;
  /** The trace keeps its reasoning in a separate field: `text` is then `reasoning + "\n" + answer`. */
  splitAt?: number;
  /** Text that precedes the output in the prompt (a trailing `<think>` means the thought is prefilled). */
  promptSuffix?: string;
}

function endsWithThink(suffix: string | undefined): boolean {
  return suffix !== undefined && suffix.trimEnd().endsWith('<think>');
}

/** Which layout a trace follows, from the markers it contains. */
export function detectConvention(tags: readonly Tag[], options: ParseOptions = {}): Convention {
  if (options.splitAt !== undefined) return 'split';
  let thinkOpen = false;
  let thinkClose = false;
  let answer = false;
  let reasoning = false;
  let special = false;
  for (const tag of tags) {
    switch (tag.name) {
      case 'thought':
      case 'solution':
        return 'openthoughts';
      case 'special':
        special = true;
        break;
      case 'reasoning':
        reasoning = true;
        break;
      case 'answer':
        answer = true;
        break;
      case 'think':
        if (tag.kind === 'open') thinkOpen = true;
        else thinkClose = true;
        break;
    }
  }
  if (special) return 'cold-start';
  if (reasoning) return 'reasoning';
  const prefilledPrompt = endsWithThink(options.promptSuffix);
  if (prefilledPrompt || (!thinkOpen && thinkClose)) return 'prefilled';
  if (answer) return 'r1-zero';
  if (thinkOpen || thinkClose) return 'r1';
  return 'none';
}

const isBlank = (text: string, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
};

/** End-of-sequence tokens of common chat templates: the end of the output, not text after the answer. */
export const EOS_TOKENS = ['<|im_end|>', '<|eot_id|>', '<｜end▁of▁sentence｜>', '<|endoftext|>', '</s>', '<eos>'];

/** True when `text[start, end)` holds only blanks and end-of-sequence tokens. */
export function isBlankOrEos(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    const token = c === 0x3c ? EOS_TOKENS.find((t) => text.startsWith(t, i) && i + t.length <= end) : undefined;
    if (!token) return false;
    i += token.length;
  }
  return true;
}

/**
 * Parses a trace in one pass over its markers. Never throws: whatever the text, it returns
 * the best reading of its sections plus the anomalies the format rules report.
 */
export function parseTrace(text: string, options: ParseOptions = {}): ParsedTrace {
  const tags = scanTags(text);
  const forced = options.convention && options.convention !== 'auto' && options.convention !== 'per-trace' ? options.convention : undefined;
  const convention = forced ?? judgedConvention(detectConvention(tags, options), options.dataset);
  const result: ParsedTrace = {
    text,
    convention,
    detected: !forced,
    layout: LAYOUTS[convention],
    tags,
    thoughtUnclosed: false,
    truncated: false,
    anomalies: [],
    sections: [],
  };
  if (convention === 'split' && options.splitAt !== undefined) {
    result.thought = { start: 0, end: options.splitAt };
    result.answer = { start: Math.min(text.length, options.splitAt + 1), end: text.length };
  } else if (convention === 'split' || convention === 'none') {
    result.answer = { start: 0, end: text.length };
  } else if (convention === 'cold-start') {
    parseColdStart(result);
  } else {
    let layout = LAYOUTS[convention];
    if (convention === 'prefilled' && tags.some((t) => t.name === 'answer')) layout = { thought: 'think', answer: 'answer' };
    result.layout = layout;
    parsePaired(result, layout.thought as MarkerName, layout.answer, convention === 'prefilled');
  }
  buildSections(result);
  return result;
}

function parsePaired(r: ParsedTrace, t: MarkerName, a: MarkerName | null, prefilled: boolean): void {
  const { text, tags } = r;
  const len = text.length;
  let open: Tag | undefined;
  let close: Tag | undefined;
  let aOpen: Tag | undefined;
  let aClose: Tag | undefined;
  let firstAOpen: Tag | undefined;
  // Pass 1: the thought's markers.
  for (const tag of tags) {
    if (tag.name !== t) continue;
    if (tag.kind === 'open') {
      if (!open && !close && !prefilled) open = tag;
      else if ((open || prefilled) && !close) r.anomalies.push({ kind: 'nested', tag });
      else r.anomalies.push({ kind: 'duplicate', tag });
    } else if (!close) {
      if (open || prefilled) close = tag;
      else {
        // A closing marker with nothing opened: the thought starts at the beginning.
        r.anomalies.push({ kind: 'stray', tag });
        close = tag;
      }
    } else r.anomalies.push({ kind: 'duplicate', tag });
  }
  const thoughtStart = open ? open.end : 0;
  const afterThought = close ? close.end : thoughtStart;
  // Pass 2: the answer's markers.
  if (a) {
    for (const tag of tags) {
      if (tag.name !== a) continue;
      if (tag.kind === 'open') {
        if (!firstAOpen) firstAOpen = tag;
        if (!aOpen && tag.start >= afterThought) aOpen = tag;
        else if (aOpen && !aClose) r.anomalies.push({ kind: 'nested', tag });
        else if (aOpen || tag !== firstAOpen) r.anomalies.push({ kind: 'duplicate', tag });
      } else if (aOpen && !aClose) aClose = tag;
      else if (!aOpen && firstAOpen && !aClose && tag.start > firstAOpen.start) {
        // Closes an answer that came before the thought: handled as misordered below.
        aClose = tag;
      } else r.anomalies.push({ kind: aOpen || firstAOpen ? 'duplicate' : 'stray', tag });
    }
    if (!aOpen && firstAOpen) {
      // The only answer sits before (or inside) the thought.
      if (open && firstAOpen.start < open.start) r.misordered = firstAOpen;
      aOpen = firstAOpen;
      if (aClose && aClose.start < aOpen.start) aClose = undefined;
    }
  }
  // The thought.
  if (open || close || prefilled) {
    let end = close ? close.start : len;
    if (!close) {
      r.thoughtUnclosed = true;
      if (aOpen && aOpen.start >= thoughtStart) end = aOpen.start;
      else r.truncated = true;
    }
    r.thought = { start: thoughtStart, end, open, close };
    if (open && open.start > 0) {
      const first = r.misordered ? Math.min(r.misordered.start, open.start) : open.start;
      if (first > 0 && !isBlank(text, 0, first)) r.preamble = { start: 0, end: first };
    }
  }
  // The answer.
  if (a) {
    if (aOpen) {
      const end = aClose ? aClose.start : len;
      if (!aClose && !r.misordered) r.truncated = true;
      r.answer = { start: aOpen.end, end, open: aOpen, close: aClose };
      if (aClose && !r.misordered && !isBlankOrEos(text, aClose.end, len)) r.trailing = { start: aClose.end, end: len };
    }
  } else if (close) {
    r.answer = { start: close.end, end: len };
  } else if (!open && !prefilled) {
    r.answer = { start: 0, end: len };
  }
}

function parseColdStart(r: ParsedTrace): void {
  const seps = r.tags.filter((t) => t.name === 'special');
  const len = r.text.length;
  if (seps.length === 0) {
    r.answer = { start: 0, end: len };
    return;
  }
  const [open, close] = seps;
  for (const extra of seps.slice(2)) r.anomalies.push({ kind: 'duplicate', tag: extra });
  if (!isBlank(r.text, 0, open.start)) r.preamble = { start: 0, end: open.start };
  if (close) {
    r.thought = { start: open.end, end: close.start, open, close };
    r.answer = { start: close.end, end: len };
  } else {
    r.thought = { start: open.end, end: len, open };
    r.thoughtUnclosed = true;
    r.truncated = true;
  }
}

function buildSections(r: ParsedTrace): void {
  const out: TraceSection[] = [];
  if (r.preamble) out.push({ kind: 'preamble', start: r.preamble.start, end: r.preamble.end });
  const part = (kind: TraceSection['kind'], p: Part) => {
    const s: TraceSection = { kind, start: p.start, end: p.end };
    if (p.open) s.open = { start: p.open.start, end: p.open.end };
    if (p.close) s.close = { start: p.close.start, end: p.close.end };
    out.push(s);
  };
  if (r.thought) part('thought', r.thought);
  if (r.answer) part(r.convention === 'cold-start' ? 'summary' : 'answer', r.answer);
  if (r.trailing) out.push({ kind: 'trailing', start: r.trailing.start, end: r.trailing.end });
  out.sort((x, y) => x.start - y.start);
  r.sections = out;
}
