// The text scan of src/core/trace/scan.ts as a WebAssembly kernel (AssemblyScript): the same
// sentences, sentence numbers and word hashes, read from the text's UTF-8 bytes instead of its
// UTF-16 units. Offsets it reports are UTF-16 offsets, as the JavaScript scan's are.
//
//   npm run build:wasm   compiles it into src/core/trace/scanKernel.wasm.ts (committed)
//
// The JavaScript side (src/core/trace/scanKernel.ts) lays the memory out, copies the text in
// with TextEncoder.encodeInto and reads the results through typed arrays. Only well-formed
// text is given to it (a lone surrogate would reach it as U+FFFD, changing the hashes).
//
// Memory: the character kinds at KIND (one byte per UTF-16 unit) and the lower cases at LOWER
// (two bytes per unit), the same tables as the JavaScript scan's; the regions after them are
// set by `layout`. The hot loops keep their state in few variables on purpose: each extra
// value live across an iteration costs a register, and past the machine's registers V8 spills
// them, which measured as 2 ns per character more.

@external('env', 'learn')
declare function learn(unit: i32): i32;
@external('env', 'lowerA')
declare function lowerA(unit: i32, hash: i32): i32;
@external('env', 'lowerB')
declare function lowerB(unit: i32, hash: i32): i32;

// Character kinds, as in scan.ts.
const SENTENCE_SPACE: i32 = 1;
const SENTENCE_END: i32 = 2;
const MULTI: i32 = 8;
const UNKNOWN: i32 = 16;

const FNV_BASIS: i32 = 0x811c9dc5;
const FNV_PRIME: i32 = 0x01000193;
const WORD_B_SEED: i32 = 0x12345;
const WORD_B_PRIME: i32 = 0x5bd1e995;

const KIND: usize = 0;
const LOWER: usize = 0x10000;
/** Where the regions of `layout` may start. */
export const TABLES_END: i32 = 0x30000;

let TEXT: usize = 0;
let S_START: usize = 0;
let S_END: usize = 0;
let S_ID: usize = 0;
let K_HASH: usize = 0;
let K_FROM: usize = 0;
let K_TO: usize = 0;
let TABLE: usize = 0;
let W_A: usize = 0;
let W_B: usize = 0;
let NGRAMS: usize = 0;
let ngramSlots: i32 = 0;
let ngramStamp: i32 = 0;

let mask: i32 = 63;
let distinct: i32 = 0;
let sentences: i32 = 0;
let base: i32 = 0;
let words: i32 = 0;

/**
 * Sets the regions: text bytes, the sentences, the numbering table and keys, the words, and the
 * n-gram set (`slots` slots of 12 bytes, cleared here).
 */
export function layout(text: usize, sStart: usize, sEnd: usize, sId: usize, kHash: usize, kFrom: usize, kTo: usize, table: usize, wA: usize, wB: usize, ngrams: usize, slots: i32): void {
  TEXT = text;
  S_START = sStart;
  S_END = sEnd;
  S_ID = sId;
  K_HASH = kHash;
  K_FROM = kFrom;
  K_TO = kTo;
  TABLE = table;
  W_A = wA;
  W_B = wB;
  NGRAMS = ngrams;
  ngramSlots = slots;
  ngramStamp = 0;
  memory.fill(NGRAMS, 0, <usize>slots * 12);
}

/** Words found by the last `scanWithWords`. */
export function wordCount(): i32 {
  return words;
}

@inline
function at(region: usize, k: i32): usize {
  return region + (<usize>k << 2);
}

/** Bytes [a0, a1) and [b0, b1) of the text are the same. */
function sameBytes(a0: i32, a1: i32, b0: i32, b1: i32): bool {
  const n = a1 - a0;
  if (n != b1 - b0) return false;
  // Eight bytes at a time (unaligned loads are fine in WebAssembly), then the rest.
  let x = TEXT + <usize>a0;
  let y = TEXT + <usize>b0;
  const end = x + <usize>n;
  while (x + 8 <= end) {
    if (load<u64>(x) != load<u64>(y)) return false;
    x += 8;
    y += 8;
  }
  while (x < end) {
    if (load<u8>(x) != load<u8>(y)) return false;
    x++;
    y++;
  }
  return true;
}

/** Doubles the numbering table and re-inserts the sentence numbers. */
function rehash(): void {
  const next = mask * 2 + 1;
  memory.fill(TABLE, 0, <usize>(next + 1) << 2);
  for (let k = 0; k < distinct; k++) {
    const h = load<i32>(at(K_HASH, k));
    let slot = (h ^ (h >>> 15)) & next;
    while (load<i32>(at(TABLE, slot)) != 0) slot = (slot + 1) & next;
    store<i32>(at(TABLE, slot), k + 1);
  }
  mask = next;
}

/**
 * Records the sentence of units [a, b) and bytes [a8, b8) with hash `hash`. Equal sentences get
 * the same number: the number of the first of them, counting distinct sentences in order.
 */
function addSentence(a: i32, b: i32, a8: i32, b8: i32, hash: i32): void {
  let slot = (hash ^ (hash >>> 15)) & mask;
  let id = -1;
  for (let entry = load<i32>(at(TABLE, slot)); entry != 0; entry = load<i32>(at(TABLE, slot))) {
    const k = entry - 1;
    if (load<i32>(at(K_HASH, k)) == hash && sameBytes(load<i32>(at(K_FROM, k)), load<i32>(at(K_TO, k)), a8, b8)) {
      id = k;
      break;
    }
    slot = (slot + 1) & mask;
  }
  if (id < 0) {
    id = distinct++;
    store<i32>(at(K_HASH, id), hash);
    store<i32>(at(K_FROM, id), a8);
    store<i32>(at(K_TO, id), b8);
    store<i32>(at(TABLE, slot), id + 1);
    if (distinct * 2 > mask) rehash();
  }
  store<i32>(at(S_START, sentences), a + base);
  store<i32>(at(S_END, sentences), b + base);
  store<i32>(at(S_ID, sentences), id);
  sentences++;
}

function start(units: i32, offset: i32): void {
  sentences = 0;
  distinct = 0;
  base = offset;
  mask = 63;
  while (mask + 1 < units >> 4 && mask < 0xfffff) mask = mask * 2 + 1;
  memory.fill(TABLE, 0, <usize>(mask + 1) << 2);
}

/** The code point of the multi-byte sequence at byte p (lead byte `lead`). */
@inline
function decode(p: usize, lead: i32): i32 {
  const c1 = <i32>load<u8>(TEXT + p + 1) & 0x3f;
  if (lead < 0xe0) return ((lead & 0x1f) << 6) | c1;
  const c2 = <i32>load<u8>(TEXT + p + 2) & 0x3f;
  if (lead < 0xf0) return ((lead & 0x0f) << 12) | (c1 << 6) | c2;
  return ((lead & 0x07) << 18) | (c1 << 12) | (c2 << 6) | (<i32>load<u8>(TEXT + p + 3) & 0x3f);
}

/** Bytes of the UTF-8 sequence whose lead byte is `lead` (≥ 0x80), minus the UTF-16 units it makes. */
@inline
function extraBytes(lead: i32): i32 {
  return lead < 0xe0 ? 1 : 2;
}

/**
 * The scan of the `n` bytes at TEXT (`units` UTF-16 units, the first at offset `offset` of the
 * text): the sentences, and the words too when `withWords` (as Python's `text.lower().split()`
 * cuts them, each as two 32-bit hashes of its lower-cased units). Returns the sentences.
 * Inlined into each export with `withWords` a constant, so each gets its own loop with only the
 * values it needs.
 */
@inline
function scanText(n: i32, units: i32, offset: i32, withWords: bool): i32 {
  start(units, offset);
  let p = 0;
  let extra = 0; // bytes so far minus units so far
  let inSentence = 0;
  let a = 0;
  let a8 = 0;
  let b = 0;
  let hash = 0;
  let kept = 0;
  let count = 0;
  let ha = FNV_BASIS;
  let hb = WORD_B_SEED;
  let inWord = 0;
  while (p < n) {
    const p0 = p;
    let c = <i32>load<u8>(TEXT + <usize>p);
    if (c < 0x80) p++;
    else {
      const lead = c;
      c = decode(<usize>p, lead);
      if (c >= 0x10000) {
        // A pair of surrogates: the first, a letter of no kind that is its own lower case, is
        // hashed here, in the sentence and in the word.
        const v = c - 0x10000;
        const high = 0xd800 | (v >> 10);
        if (inSentence == 0) {
          inSentence = 1;
          a = p0 - extra;
          a8 = p0;
          hash = FNV_BASIS;
        }
        hash = (hash ^ high) * FNV_PRIME;
        if (withWords) {
          ha = (ha ^ high) * FNV_PRIME;
          hb = ((hb + high) * WORD_B_PRIME) ^ (hb >>> 15);
          inWord = 1;
        }
        c = 0xdc00 | (v & 0x3ff);
        p += 4;
        extra += 2;
      } else {
        p += extraBytes(lead) + 1;
        extra += extraBytes(lead);
      }
    }
    let kind = <i32>load<u8>(KIND + <usize>c);
    const word = (kind & SENTENCE_SPACE) ^ 1;
    const u = p - extra;
    if ((inSentence | (word ^ 1)) == 0) {
      inSentence = 1;
      a = u - 1;
      a8 = p0;
      hash = FNV_BASIS;
    }
    hash = (hash ^ c) * FNV_PRIME;
    kept = select<i32>(hash, kept, word);
    b = select<i32>(u, b, word);
    if ((kind & SENTENCE_END) != 0 && inSentence != 0) {
      // The units from b on are trailing spaces, one byte each: the sentence's bytes end at b + extra.
      addSentence(a, b, a8, b + extra, kept);
      inSentence = 0;
    }
    if (!withWords) continue;
    if ((kind & (MULTI | UNKNOWN)) != 0) {
      if ((kind & UNKNOWN) != 0) kind = learn(c);
      if ((kind & MULTI) != 0) {
        // İ: its lower case is two units (never a separator).
        ha = lowerA(c, ha);
        hb = lowerB(c, hb);
        inWord = 1;
        continue;
      }
    }
    // The word: a separator stores the open word's hashes (written always, counted only when a
    // word was open) and resets them; any other unit is hashed lower-cased. No branch: spaces
    // come every few units, too irregularly to predict.
    const space = (kind >> 2) & 1;
    store<i32>(at(W_A, count), ha);
    store<i32>(at(W_B, count), hb);
    count += space & inWord;
    const l = <i32>load<u16>(LOWER + (<usize>c << 1));
    ha = select<i32>(FNV_BASIS, (ha ^ l) * FNV_PRIME, space);
    hb = select<i32>(WORD_B_SEED, ((hb + l) * WORD_B_PRIME) ^ (hb >>> 15), space);
    inWord = space ^ 1;
  }
  if (inSentence != 0) addSentence(a, b, a8, b + extra, kept);
  if (withWords) {
    if (inWord != 0) {
      store<i32>(at(W_A, count), ha);
      store<i32>(at(W_B, count), hb);
      count++;
    }
    words = count;
  }
  return sentences;
}

/** The sentences of the `n` bytes at TEXT; returns their number. */
export function scanSentences(n: i32, units: i32, offset: i32): i32 {
  return scanText(n, units, offset, false);
}

/** Sentences and words in one pass; returns the sentences, `wordCount()` the words. */
export function scanWithWords(n: i32, units: i32, offset: i32): i32 {
  return scanText(n, units, offset, true);
}

/**
 * The number of distinct n-grams of the `count` words of the last scan: open-r1's repetition
 * reward counts them. An n-gram is the pair of its words' hashes combined (as the JavaScript
 * of rewards/openr1.ts combines them); equal pairs are one n-gram. The set is open addressing,
 * each slot its stamp and the pair, a slot free unless its stamp is this call's.
 */
export function distinctNgrams(count: i32, n: i32): i32 {
  const total = count - n + 1;
  if (total <= 0 || n < 1) return 0;
  let cap = 16;
  while (cap < total * 2) cap *= 2;
  if (cap > ngramSlots) return -1;
  if (++ngramStamp == 0x7fffffff) {
    memory.fill(NGRAMS, 0, <usize>ngramSlots * 12);
    ngramStamp = 1;
  }
  const now = ngramStamp;
  const mask = cap - 1;
  let distinct = 0;
  // x = ((a0·K + a1)·K + a2)… is a0·K² + a1·K + a2: the trigram's products are independent
  // of each other, where the loop form chains them.
  const ka: i32 = 0x9e3779b1;
  const kb: i32 = 0x85ebca6b;
  const ka2 = ka * ka;
  const kb2 = kb * kb;
  for (let i = 0; i < total; i++) {
    let x: i32;
    let y: i32;
    if (n == 3) {
      const wa = at(W_A, i);
      const wb = at(W_B, i);
      x = load<i32>(wa) * ka2 + load<i32>(wa, 4) * ka + load<i32>(wa, 8);
      y = load<i32>(wb) * kb2 + load<i32>(wb, 4) * kb + load<i32>(wb, 8);
    } else {
      x = 0;
      y = 0;
      for (let k = 0; k < n; k++) {
        x = x * ka + load<i32>(at(W_A, i + k));
        y = y * kb + load<i32>(at(W_B, i + k));
      }
    }
    let slot = (x ^ (y >>> 7)) & mask;
    for (;;) {
      const entry = NGRAMS + <usize>slot * 12;
      if (load<i32>(entry) != now) {
        store<i32>(entry, now);
        store<i32>(entry, x, 4);
        store<i32>(entry, y, 8);
        distinct++;
        break;
      }
      if (load<i32>(entry, 4) == x && load<i32>(entry, 8) == y) break;
      slot = (slot + 1) & mask;
    }
  }
  return distinct;
}
