import { strict as assert } from 'node:assert';
import { contrastRatio, over, parseColour, readableOn, type Rgb } from '../../../webview/common/contrast';

const WHITE: Rgb = [255, 255, 255];
const rgb = (hex: string) => parseColour(hex)!.rgb;

describe('readable status colours (WCAG contrast)', () => {
  it('computes the WCAG ratio: VS Code light testing.iconPassed is 2.0:1 on white, black is 21:1', () => {
    assert.equal(Math.round(contrastRatio(rgb('#73c991'), WHITE) * 10) / 10, 2.0);
    assert.equal(contrastRatio([0, 0, 0], WHITE), 21);
    assert.ok(Math.abs(contrastRatio(rgb('#388a34'), WHITE) - 4.33) < 0.01);
  });

  it('reads hex, rgb(), rgba() and color(srgb) with their alpha', () => {
    assert.deepEqual(parseColour('#61616180'), { rgb: [97, 97, 97], alpha: 128 / 255 });
    assert.deepEqual(parseColour('#abc'), { rgb: [170, 187, 204], alpha: 1 });
    assert.deepEqual(parseColour('rgba(1, 2, 3, 0.5)'), { rgb: [1, 2, 3], alpha: 0.5 });
    assert.deepEqual(parseColour('rgb(1 2 3 / 50%)'), { rgb: [1, 2, 3], alpha: 0.5 });
    assert.deepEqual(parseColour('color(srgb 1 0 0)'), { rgb: [255, 0, 0], alpha: 1 });
    assert.equal(parseColour('papayawhip'), undefined);
    assert.deepEqual(over([0, 0, 0], 0.5, WHITE), [127.5, 127.5, 127.5]);
  });

  it('darkens a light theme colour just enough; keeps one that is already readable', () => {
    for (const hex of ['#73c991', '#f14c4c', '#bf8803', '#d18616', '#1a85ff']) {
      const fixed = readableOn(rgb(hex), [WHITE, rgb('#f3f3f3')], 4.5);
      const ratio = Math.min(contrastRatio(fixed, WHITE), contrastRatio(fixed, rgb('#f3f3f3')));
      assert.ok(ratio >= 4.5, `${hex} → ${fixed} at ${ratio}`);
      assert.ok(ratio < 6, `${hex} darkened more than needed (${ratio})`);
    }
    assert.deepEqual(readableOn(rgb('#3b3b3b'), [WHITE], 4.5), rgb('#3b3b3b'));
    // Dark themes are lightened instead.
    const dark = rgb('#1f1f1f');
    const fixed = readableOn(rgb('#388a34'), [dark], 4.5);
    assert.ok(contrastRatio(fixed, dark) >= 4.5 && fixed[1] > 138);
  });
});
