import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { corpusDir, readCorpus } from '../../corpus';
import { checkRecord, traceText } from '../../../src/core/engine';
import { resolveConfig } from '../../../src/core/config/resolve';
import { readDocument } from '../../../src/core/documents';
import { parseTrace } from '../../../src/core/trace/parse';
import { findLoops, loopsOf, type LoopOptions } from '../../../src/core/trace/loops';
import { TextScan, kernelReady, scanSentences, scanSentencesAndWords, scratch, useScanKernel } from '../../../src/core/trace/scan';
import { countReflections } from '../../../src/core/trace/reflection';
import { countSteps, repetitionOf, repetitionPenalty, wordHashes } from '../../../src/core/rewards/openr1';
import * as before from '../../reference/openr1';
import * as beforeLoops from '../../reference/loops';
import * as beforeReflection from '../../reference/reflection';
import type { RecordInput } from '../../../src/core/types';

// The one-pass scan against the implementations it replaced (test/reference/: the separate
// sentence pass of `repetition-loop`, the word pass of the repetition reward and the
// reflection regular expression, as they were): every value must be the same. All of it runs
// twice: with the WebAssembly kernel (scanKernel.ts), then with the JavaScript loops alone.

const DEFAULTS: LoopOptions = { minRepeats: 3, minChars: 12, maxPeriod: 64, maxNoise: 3, shortChars: 60, minRepeatsShort: 5 };

/** The word hashes the scan leaves in `scratch`, copied. */
function words(text: string, start: number, end: number): { a: number[]; b: number[] } {
  const { a, b, count } = wordHashes(text, start, end);
  return { a: Array.from(a.subarray(0, count)), b: Array.from(b.subarray(0, count)) };
}

function referenceWords(text: string, start: number, end: number): { a: number[]; b: number[] } {
  const { a, b, count } = before.wordHashes(text, start, end);
  return { a: Array.from(a.subarray(0, count)), b: Array.from(b.subarray(0, count)) };
}

/** Everything the scan gives for `text`, compared with the reference implementations. */
function assertSame(text: string, label: string, options: LoopOptions = DEFAULTS): void {
  const loops = beforeLoops.findLoops(text, 0, text.length, options);
  assert.deepEqual(findLoops(text, 0, text.length, options), loops, `loops, ${label}`);
  assert.deepEqual(words(text, 0, text.length), referenceWords(text, 0, text.length), `word hashes, ${label}`);
  for (const n of [1, 2, 3, 4]) assert.equal(repetitionPenalty(text, n, -1), before.repetitionPenalty(text, n, -1), `repetition n=${n}, ${label}`);
  // Through a shared scan, in both orders and with or without the words in the first pass,
  // with another text scanned in between (the scan must notice and scan again).
  for (const withWords of [false, true]) {
    const scan = new TextScan(text, withWords);
    assert.deepEqual(loopsOf(scan, options), loops, `loopsOf then words (withWords ${withWords}), ${label}`);
    assert.equal(repetitionOf(scan, 3, -1), before.repetitionPenalty(text, 3, -1), `repetitionOf after loops, ${label}`);
    assert.deepEqual(loopsOf(scan, options), loops, `loopsOf again, ${label}`);
    const other = new TextScan(text, !withWords);
    assert.equal(repetitionOf(other, 2, -0.5), before.repetitionPenalty(text, 2, -0.5), `repetitionOf first, ${label}`);
    scanSentences('Another text. Another text. Another text.', 0, 42);
    assert.deepEqual(loopsOf(other, options), loops, `loopsOf after another scan, ${label}`);
    assert.equal(repetitionOf(scan, 3, -1), before.repetitionPenalty(text, 3, -1), `repetitionOf after another scan, ${label}`);
  }
  for (const [start, end] of [
    [0, text.length],
    [Math.min(3, text.length), text.length],
    [0, Math.max(0, text.length - 2)],
  ]) {
    assert.equal(countReflections(text, start, end), beforeReflection.countReflections(text, start, end), `reflections [${start}, ${end}), ${label}`);
    assert.deepEqual(findLoops(text, start, end, options), beforeLoops.findLoops(text, start, end, options), `loops [${start}, ${end}), ${label}`);
    assert.deepEqual(words(text, start, end), referenceWords(text, start, end), `word hashes [${start}, ${end}), ${label}`);
  }
}

for (const kernel of [true, false]) {
  describe(`one-pass text scan: the same results as the passes it replaced (${kernel ? 'WebAssembly kernel' : 'JavaScript loops'})`, () => {
    // (`before` is the name of the reference implementations here.)
    beforeEach(() => {
      useScanKernel(kernel);
      // With the kernel on, it must really load here (Node.js): otherwise this would compare the loops with themselves.
      assert.equal(kernelReady(), kernel, 'the WebAssembly kernel loads in Node.js');
    });
    after(() => useScanKernel(true));

    it('for generated texts (sentence ends, every kind of space, case folding, CJK, surrogates, reflections)', () => {
      const piece = fc.constantFrom(
        'Wait',
        'Wait,',
        'But wait',
        'wait',
        'Waiting',
        'Hmm',
        ' ',
        '  ',
        '\t',
        '\n',
        '\r\n',
        '\u3000',
        '\u00a0',
        '\u2003',
        '\u0085',
        '\x1c',
        '\x0b',
        '\x00',
        '.',
        ',',
        ';',
        '!',
        '?',
        '。',
        '，',
        '、',
        '！',
        '？',
        '；',
        '*',
        '"',
        'Let me check again',
        'Let me double-check',
        'Let me double-checking',
        'No, wait',
        '等等',
        '让我再检查',
        '不对',
        'ABC',
        'abc',
        'İstanbul',
        'ÄRGER',
        'ärger',
        'ΣΑΣ',
        'Ⅻ',
        '\ud801\udc00',
        '\ud83d\ude00',
        '\ud800',
        'x = 3',
        'Step 1:',
        '1.',
        '\n-',
        '\n*',
        'First,',
        'Finally,',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 120 }), fc.nat(5), (parts, k) => {
          const text = parts.join('');
          assertSame(text, JSON.stringify(text), { ...DEFAULTS, minRepeats: 2 + (k % 3), minChars: 1 + k, maxNoise: k % 4, shortChars: k * 10 });
        }),
        { numRuns: 600 },
      );
    });

    it('for long repetitive texts (loops of many periods, a text far larger than the reused arrays)', () => {
      let seed = 11;
      const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const pool = ['Let me compute the area again.', 'Wait,', 'the base is 6,', 'so the area is 12.', 'Hmm, that is not right.', '让我再检查一下。', 'Actually the height is 4.', 'OK.'];
      for (let round = 0; round < 12; round++) {
        const period = 1 + Math.floor(random() * 40);
        const cycle = Array.from({ length: period }, () => pool[Math.floor(random() * pool.length)]);
        let text = '';
        for (let r = 0; r < 3 + round; r++) text += cycle.join(random() < 0.5 ? ' ' : '\n') + (random() < 0.3 ? ' Right.\n' : '\n');
        for (let w = 0; w < round * 3000; w++) text += pool[Math.floor(random() * pool.length)] + ' ';
        assertSame(text, `round ${round}`);
      }
    });

    it('the fused pass and the sentence pass give the same sentences', () => {
      const text = 'One. Two,  three;\nfour\t! 五。六、七！ one. Two, three;\nfour! ';
      const n = scanSentences(text, 0, text.length);
      const alone = [Array.from(scratch.sentenceStart.subarray(0, n)), Array.from(scratch.sentenceEnd.subarray(0, n)), Array.from(scratch.sentenceId.subarray(0, n))];
      scanSentencesAndWords(text, 0, text.length);
      const fused = [Array.from(scratch.sentenceStart.subarray(0, n)), Array.from(scratch.sentenceEnd.subarray(0, n)), Array.from(scratch.sentenceId.subarray(0, n))];
      assert.deepEqual(fused, alone);
      // "one." and "One." differ, so do "four\t!" and "four!"; "Two," and "three;" repeat.
      assert.deepEqual(alone[2], [0, 1, 2, 3, 4, 5, 6, 7, 1, 2, 8]);
    });

    describe('for every trace of the real fixtures (test/fixtures/corpus), through the engine', () => {
      const config = resolveConfig();
      const loopOptions: LoopOptions = DEFAULTS;
      for (const file of readdirSync(corpusDir).filter((f) => /\.jsonl?$/.test(f))) {
        it(file, () => {
          const records: RecordInput[] = readDocument(readCorpus(file), file);
          let traces = 0;
          let loops = 0;
          let reflected = 0;
          for (const record of records) {
            const results = checkRecord(record, config).traces;
            record.traces.forEach((trace, k) => {
              const { mapped, splitAt } = traceText(trace);
              const text = mapped.text;
              const result = results[k];
              const label = `${file} record ${record.index} trace ${k}`;
              assertSame(text, label, loopOptions);
              const expectedLoops = beforeLoops.findLoops(text, 0, text.length, loopOptions).slice(0, 5);
              const found = result.findings.filter((f) => f.ruleId === 'repetition-loop');
              assert.equal(found.length, expectedLoops.length, `repetition-loop findings, ${label}`);
              expectedLoops.forEach((loop, j) => assert.ok(found[j].message.includes(`occurs ${loop.repeats} times`), `${label}: ${found[j].message}`));
              assert.equal(result.rewards.repetition, before.repetitionPenalty(text, 3, -1), `repetition reward, ${label}`);
              const thought = parseTrace(text, { convention: config.convention, dataset: config.datasetConvention, splitAt, promptSuffix: trace.promptSuffix }).thought;
              const reflections = thought ? beforeReflection.countReflections(text, thought.start, thought.end) : 0;
              assert.equal(result.stats.reflections, reflections, `reflections, ${label}`);
              reflected += reflections;
              assert.equal(countSteps(text), before.countSteps(text), `steps, ${label}`);
              traces++;
              loops += expectedLoops.length;
            });
          }
          assert.ok(traces > 0, `${file}: no trace read`);
          if (file.startsWith('skythought')) assert.ok(loops > 0, 'the SkyThought head holds degenerate loops');
          if (file.includes('distill')) assert.ok(reflected > 100, 'the distilled traces say "Wait" often');
        });
      }
    });
  });
}
