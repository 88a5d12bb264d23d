/**
 * The calculator and the pipeline in VS Code's light theme at 900 px: screenshots for the
 * record (test-results/screenshots/light-900-*.png).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir, useWebviewHarness } from './harness';
import { LIGHT, applyTheme } from './learnTheme';

const WIDTH = 900;

describe('light theme at 900 px (screenshots)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  async function openLight(bundle: string, savedState?: unknown): Promise<Page> {
    const page = await harness.open(bundle, { theme: 'vscode-light', ...(savedState ? { savedState } : {}) });
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await applyTheme(page, LIGHT, 'vscode-light');
    await page.waitForTimeout(50);
    return page;
  }

  it('calculator', async () => {
    const page = await openLight('calculator');
    await page.waitForSelector('#outputs tbody tr');
    await page.screenshot({ path: join(screenshotDir(), 'light-900-calculator.png'), fullPage: true });
    await page.close();
  });

  for (const section of ['zero-vs-r1', 'results', 'stage-2']) {
    it(`pipeline: ${section}`, async () => {
      const page = await openLight('pipeline', { section });
      await page.locator('#section h1').waitFor();
      await page.waitForTimeout(50);
      await page.screenshot({ path: join(screenshotDir(), `light-900-pipeline-${section}.png`), fullPage: true });
      await page.close();
    });
  }
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ROOT } from './harness';
import { contrastRatio, over, parseColour, type Rgb } from '../../webview/common/contrast';

/** Every status colour of a page, with the ratio against what it is painted on. */
async function statusContrasts(page: Page, selectors: Record<string, { selector: string; prop: 'color' | 'outlineColor' }>) {
  // A string, not a function: tsx would add helpers (`__name`) the page does not have.
  const found = (await page.evaluate(`(() => {
    const sel = ${JSON.stringify(selectors)};
    const out = [];
    for (const [name, { selector, prop }] of Object.entries(sel)) {
      for (const el of Array.from(document.querySelectorAll(selector)).slice(0, 3)) {
        const backgrounds = [];
        for (let e = el; e; e = e.parentElement) backgrounds.push(getComputedStyle(e).backgroundColor);
        out.push({ name, colour: getComputedStyle(el)[prop], backgrounds });
      }
    }
    return out;
  })()`)) as Array<{ name: string; colour: string; backgrounds: string[] }>;
  return found.map(({ name, colour, backgrounds }) => {
    // The first opaque background up the tree, with translucent ones painted over it.
    let bg: Rgb = [255, 255, 255];
    const layers = backgrounds.map((b) => parseColour(b)).filter((b) => b && b.alpha > 0) as Array<{ rgb: Rgb; alpha: number }>;
    for (const layer of layers.reverse()) bg = over(layer.rgb, layer.alpha, bg);
    const fg = parseColour(colour)!;
    return { name, ratio: contrastRatio(over(fg.rgb, fg.alpha, bg), bg) };
  });
}

describe('light theme: status colours at WCAG AA contrast', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  it('calculator: advantages, warnings, notes, bars and the mean line', async () => {
    const page = await harness.open('calculator', { theme: 'vscode-light' });
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await applyTheme(page, LIGHT, 'vscode-light');
    await page.fill('#reward-3-0', '1');
    await page.fill('#reward-0-0', '1'); // zero signal: the warning notice
    await page.fill('#reward-0-0', 'x'); // a problem line
    await page.fill('#reward-0-0', '0');
    const text = await statusContrasts(page, {
      positive: { selector: '.positive', prop: 'color' },
      negative: { selector: '.negative', prop: 'color' },
      muted: { selector: '.muted', prop: 'color' },
      warning: { selector: '.warning', prop: 'color' },
    });
    assert.ok(text.some((t) => t.name === 'positive') && text.some((t) => t.name === 'negative'));
    for (const t of text) assert.ok(t.ratio >= 4.5, `${t.name} text at ${t.ratio.toFixed(2)}:1`);
    const bars = await page.$eval('#chart', (c) => JSON.parse((c as HTMLElement).dataset.colours ?? '[]') as string[]);
    for (const b of bars) assert.ok(contrastRatio(parseColour(b)!.rgb, [255, 255, 255]) >= 3, `bar ${b}`);
    const mean = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--cot-mean'));
    assert.ok(contrastRatio(parseColour(mean)!.rgb, [255, 255, 255]) >= 4.5, `mean line label ${mean}`);
    await page.close();
  });

  it('pipeline: trace highlights, key, stage strip and chart colours', async () => {
    const page = await harness.open('pipeline', { theme: 'vscode-light', savedState: { section: 'zero-vs-r1' } });
    await applyTheme(page, LIGHT, 'vscode-light');
    await page.locator('#section h1').waitFor();
    const text = await statusContrasts(page, {
      reflection: { selector: '.trace .reflection', prop: 'color' },
      tag: { selector: '.trace .tag', prop: 'color' },
      thought: { selector: '.trace .thought', prop: 'color' },
      muted: { selector: '.muted', prop: 'color' },
      stage: { selector: '.stage', prop: 'color' },
    });
    assert.ok(text.some((t) => t.name === 'reflection'));
    for (const t of text) assert.ok(t.ratio >= 4.5, `${t.name} at ${t.ratio.toFixed(2)}:1`);
    const boxed = await statusContrasts(page, { boxed: { selector: '.trace .boxed', prop: 'outlineColor' } });
    for (const t of boxed) assert.ok(t.ratio >= 3, `boxed outline at ${t.ratio.toFixed(2)}:1`);
    const series = await page.evaluate(() => [0, 1, 2, 3, 4, 5].map((i) => getComputedStyle(document.body).getPropertyValue(`--cot-series-${i}`)));
    for (const c of series) assert.ok(contrastRatio(parseColour(c)!.rgb, [255, 255, 255]) >= 3, `chart colour ${c}`);
    await page.close();
  });
});

describe('walkthrough pictures: every label fits its box', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  for (const file of ['media/walkthrough/pipeline.svg', 'media/walkthrough/grpo.svg', 'media/walkthrough/pipeline.zh-cn.svg', 'media/walkthrough/grpo.zh-cn.svg']) {
    it(file, async () => {
      const svg = readFileSync(join(ROOT, file), 'utf8');
      const panel = await harness.open('pipeline');
      // A plain page (no panel CSP), so the picture's own <style> applies as in an image.
      const page = await panel.context().newPage();
      await page.setContent('<!doctype html><html><body></body></html>');
      // The picture alone, in the fallback fonts a walkthrough image gets, at two font families.
      for (const family of ['sans-serif', 'serif', 'monospace']) {
        const problems = await page.evaluate(
          ({ svg, family }) => {
            document.body.innerHTML = '';
            const holder = document.createElement('div');
            holder.style.width = '640px';
            holder.style.fontFamily = family;
            holder.innerHTML = svg;
            document.body.appendChild(holder);
            const root = holder.querySelector('svg')!;
            root.style.setProperty('--vscode-font-family', family);
            const view = root.viewBox.baseVal;
            const rects = Array.from(root.querySelectorAll('rect.box, rect.end')).map((r) => (r as SVGGraphicsElement).getBBox());
            const out: string[] = [];
            for (const t of Array.from(root.querySelectorAll('text'))) {
              const b = (t as SVGGraphicsElement).getBBox();
              if (b.x < view.x || b.y < view.y || b.x + b.width > view.x + view.width || b.y + b.height > view.y + view.height) out.push(`"${t.textContent}" leaves the picture`);
              const cx = b.x + b.width / 2;
              const cy = b.y + b.height / 2;
              const box = rects.find((r) => cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height);
              if (box && (b.x < box.x + 2 || b.x + b.width > box.x + box.width - 2 || b.y < box.y || b.y + b.height > box.y + box.height)) out.push(`"${t.textContent}" overflows its box`);
            }
            return out;
          },
          { svg, family },
        );
        assert.deepEqual(problems, [], `${file} in ${family}`);
      }
      await page.close();
      await panel.close();
    });
  }
});
