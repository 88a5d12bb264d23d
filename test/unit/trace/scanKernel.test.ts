import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../../corpus';
import { KERNEL_MAX_UNITS } from '../../../src/core/trace/scanKernel';
import { TextScan, kernelDistinctNgrams, kernelReady, scratch, useScanKernel } from '../../../src/core/trace/scan';
import { repetitionPenalty } from '../../../src/core/rewards/openr1';

// The WebAssembly kernel of the text scan beside the JavaScript loops it stands in for (the
// generated and real texts of scan.test.ts run through both already): here the module is
// checked against its source, and the edges where the kernel hands a text back to the loops.

interface Scanned {
  sentences: number[][];
  words: number[][];
}

/** Everything one scan of `text` gives, copied, with the kernel allowed or not. */
function scanned(text: string, kernel: boolean): Scanned {
  useScanKernel(kernel);
  try {
    const scan = new TextScan(text, true);
    const n = scan.sentences();
    const sentences = [scratch.sentenceStart, scratch.sentenceEnd, scratch.sentenceId].map((a) => Array.from(a.subarray(0, n)));
    const w = scan.words();
    return { sentences, words: [Array.from(scratch.wordA.subarray(0, w)), Array.from(scratch.wordB.subarray(0, w))] };
  } finally {
    useScanKernel(true);
  }
}

function assertBothAgree(text: string, label: string): Scanned {
  const js = scanned(text, false);
  assert.deepEqual(scanned(text, true), js, label);
  return js;
}

describe('text scan kernel (WebAssembly)', () => {
  it('is up to date with its source (wasm/scan.ts compiled again gives the committed module)', function () {
    this.timeout(60_000);
    // In its own process, as `npm run build:wasm` runs it: the compiler loads WebAssembly of its
    // own, away from whatever the other tests did to this process's globals.
    const run = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stderr}${run.stdout}`);
  });

  it('loads in Node.js', () => {
    assert.equal(kernelReady(), true);
    assert.equal(kernelReady(KERNEL_MAX_UNITS), true);
    assert.equal(kernelReady(KERNEL_MAX_UNITS + 1), false, 'longer texts are left to the loops');
  });

  it('leaves a text with a lone surrogate to the loops (its UTF-8 would make two of them equal)', () => {
    const { sentences } = assertBothAgree('a\ud800. a\ud801. a\ud800.', 'lone surrogates');
    assert.deepEqual(sentences[2], [0, 1, 0]);
  });

  it('grows its memory for longer texts and gives the same results up to its limit and past it', () => {
    const cycle = ['Let me compute the area again.', ' 让我再检查一下。', ' İki 😀 words,', '\nthe base is 6;', ' Σ is 12! '];
    for (const units of [100, 20_000, 70_000, KERNEL_MAX_UNITS, KERNEL_MAX_UNITS + 1]) {
      let text = '';
      for (let k = 0; text.length < units; k++) text += cycle[(k * 7 + (k >> 3)) % cycle.length];
      text = text.slice(0, units);
      if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1) + 'x';
      const { sentences, words } = assertBothAgree(text, `${units} units`);
      assert.ok(sentences[0].length > units / 40 && words[0].length > units / 20, `${units} units: sentences and words found`);
    }
  });

  it('learns lower cases the loops have not met, and those they have', () => {
    // Title-case and Cherokee letters, an expanding lower case (İ), a letter from beyond the BMP:
    // first met by the kernel, then by the loops, then the other way round.
    assertBothAgree('ǅemal Ꭰ İi 𐐀 ǅ', 'kernel first');
    useScanKernel(false);
    new TextScan('ǈ Ꮚ ȸ', true).words();
    useScanKernel(true);
    assertBothAgree('ǈ Ꮚ ȸ ǈ', 'loops first');
  });

  it('reports UTF-16 offsets for text after multi-byte characters', () => {
    const text = '首先，计算。 😀 next one. Ünïcödé; end';
    const { sentences } = assertBothAgree(text, 'offsets');
    const cut = sentences[0].map((s, k) => text.slice(s, sentences[1][k]));
    assert.deepEqual(cut, ['首先，', '计算。', '😀 next one.', 'Ünïcödé;', 'end']);
  });

  it('counts distinct n-grams only of words it holds itself', () => {
    const text = 'a b c a b c a b d '.repeat(50);
    const words = new TextScan(text, true).words();
    assert.equal(kernelDistinctNgrams(words, 3), 6, 'abc bca cab abd bda dab: the distinct trigrams of the kernel’s words');
    const kernelPenalty = repetitionPenalty(text, 3, -1);
    useScanKernel(false);
    try {
      const js = new TextScan(text, true).words();
      assert.equal(js, words);
      assert.equal(kernelDistinctNgrams(js, 3), -1, 'words scanned by the loops are not the kernel’s');
      assert.equal(repetitionPenalty(text, 3, -1), kernelPenalty);
    } finally {
      useScanKernel(true);
    }
  });
});
