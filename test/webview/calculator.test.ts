import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { pageErrors, posted, savedState, screenshotDir, sendToPage, useWebviewHarness } from './harness';

const advantages = (page: Page) => page.$$eval('#outputs tbody td.advantage', (cells) => cells.map((c) => Number((c as HTMLElement).dataset.value)));
const chartValues = (page: Page) => page.$eval('#chart', (c) => JSON.parse((c as HTMLElement).dataset.values ?? '[]') as number[]);
const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');
const near = (actual: number[], expected: number[], tol = 1e-9) => {
  assert.equal(actual.length, expected.length, `${actual} vs ${expected}`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tol, `[${i}] ${a} vs ${expected[i]}`));
};
// TRL on the seed example [0, 1, 1, 0]: ±0.5 / (sqrt(1/3) + 1e-4)
const TRL = 0.5 / (Math.sqrt(1 / 3) + 1e-4);

describe('GRPO calculator panel (Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  it('starts with the seed example and shows TRL advantages, a chart and no errors', async () => {
    const page = await harness.open('calculator');
    await page.waitForSelector('#outputs tbody tr');
    assert.equal(await page.inputValue('#prompt'), 'Solve: 2x + 3 = 7');
    assert.deepEqual(await page.$$eval('#outputs tbody input[id^="label-"]', (els) => els.map((e) => (e as HTMLInputElement).value)), ['x = 1', 'x = 2', 'x = 2', 'x = 5']);
    near(await advantages(page), [-TRL, TRL, TRL, -TRL]);
    assert.equal(await text(page, '#stat-mean'), '0.5');
    assert.equal(await text(page, '#stat-std'), '0.5774');
    // The chart exists, has one bar per output, coloured by sign.
    const box = await page.$eval('#chart', (c) => (c as HTMLCanvasElement).getBoundingClientRect().height);
    assert.ok(box > 100, `chart height ${box}`);
    near(await chartValues(page), [-0.865875, 0.865875, 0.865875, -0.865875], 1e-6);
    const colours = await page.$eval('#chart', (c) => JSON.parse((c as HTMLElement).dataset.colours ?? '[]') as string[]);
    assert.equal(colours[0], colours[3]);
    assert.notEqual(colours[0], colours[1]);
    // Something was drawn on the canvas.
    const painted = await page.$eval('#chart', (c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    });
    assert.ok(painted > 1000, `painted pixels ${painted}`);
    await page.screenshot({ path: join(screenshotDir(), 'calculator.png'), fullPage: true });
    assert.deepEqual(pageErrors(page), []);
    assert.deepEqual(await posted(page), [{ type: 'ready' }]);
    await page.close();
  });

  it('recomputes as rewards are typed, changes preset, calls out zero-signal groups', async () => {
    const page = await harness.open('calculator');
    await page.selectOption('#preset', 'paper');
    near(await advantages(page), [-1, 1, 1, -1], 1e-12);
    await page.selectOption('#preset', 'dr-grpo');
    near(await advantages(page), [-0.5, 0.5, 0.5, -0.5], 1e-12);
    await page.selectOption('#preset', 'paper');
    // [1, 1, 1, 0]: mean 0.75, population std sqrt(3)/4
    await page.fill('#reward-0-0', '1');
    const s = Math.sqrt(3) / 4;
    near(await advantages(page), [0.25 / s, 0.25 / s, 0.25 / s, -0.75 / s]);
    assert.equal(await text(page, '#stat-mean'), '0.75');
    near(await chartValues(page), [0.25 / s, 0.25 / s, 0.25 / s, -0.75 / s], 1e-6);
    // All equal → zero signal.
    await page.fill('#reward-3-0', '1');
    near(await advantages(page), [0, 0, 0, 0]);
    assert.equal(await page.$eval('#notice', (e) => (e as HTMLElement).dataset.zeroSignal), 'true');
    assert.match(await text(page, '#notice'), /Zero signal/);
    // Changing one option makes the preset "custom".
    await page.fill('#reward-3-0', '0');
    await page.fill('#opt-eps', '0.5');
    assert.equal(await page.inputValue('#preset'), 'custom');
    near(await advantages(page), [0.25 / (s + 0.5), 0.25 / (s + 0.5), 0.25 / (s + 0.5), -0.75 / (s + 0.5)]);
    // Not a number: flagged and counted as missing (0).
    await page.fill('#reward-0-0', 'abc');
    assert.equal(await page.getAttribute('#reward-0-0', 'aria-invalid'), 'true');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('adds and removes outputs, pastes a list, adds a weighted reward column', async () => {
    const page = await harness.open('calculator');
    await page.click('#add-output');
    assert.equal(await page.$$eval('#outputs tbody tr', (r) => r.length), 5);
    // The new row's reward field has focus (keyboard flow).
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reward-4-0');
    await page.click('#outputs tbody tr:nth-child(5) vscode-button.remove');
    assert.equal(await page.$$eval('#outputs tbody tr', (r) => r.length), 4);
    await page.fill('#paste', '1, 0, 0');
    await page.click('#paste-apply');
    assert.equal(await page.$$eval('#outputs tbody tr', (r) => r.length), 3);
    await page.selectOption('#preset', 'dr-grpo');
    near(await advantages(page), [2 / 3, -1 / 3, -1 / 3]);
    await page.click('#add-column');
    await page.fill('#col-weight-1', '2');
    await page.fill('#reward-1-1', '1');
    // rewards 1, 0 + 2·1 = 2, 0 → mean 1 → [0, 1, -1]
    near(await advantages(page), [0, 1, -1]);
    await page.fill('#paste', 'words');
    await page.click('#paste-apply');
    assert.match(await text(page, '#paste-message'), /not a number/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('keeps its state and restores it after a reload', async () => {
    const page = await harness.open('calculator');
    await page.selectOption('#preset', 'paper');
    await page.fill('#prompt', 'What is 6 × 7?');
    await page.fill('#reward-1-0', '0.5');
    const saved = await savedState(page);
    await page.close();
    const again = await harness.open('calculator', { savedState: saved });
    assert.equal(await again.inputValue('#prompt'), 'What is 6 × 7?');
    assert.equal(await again.inputValue('#preset'), 'paper');
    assert.equal(await again.inputValue('#reward-1-0'), '0.5');
    // [0, 0.5, 1, 0]: mean 0.375, pop std sqrt((0.140625+0.015625+0.390625+0.140625)/4)
    const s = Math.sqrt(0.6875 / 4);
    near(await advantages(again), [-0.375 / s, 0.125 / s, 0.625 / s, -0.375 / s]);
    assert.deepEqual(pageErrors(again), []);
    await again.close();
  });

  it('loads groups sent by the extension; go to record and copy post messages', async () => {
    const page = await harness.open('calculator');
    const source = (line: number) => ({ uri: 'file:///data.jsonl', start: line * 100, end: line * 100 + 90, line });
    await sendToPage(page, {
      type: 'load',
      seq: 1,
      state: {
        columns: [{ name: 'total', weight: '1' }],
        groups: [
          { prompt: 'Solve: 2x + 3 = 7', outputs: [0, 1, 1, 0].map((r, i) => ({ label: `x = ${[1, 2, 2, 5][i]}`, cells: [String(r)], ratio: '', source: source(i) })) },
          { prompt: 'What is 6 × 7?', outputs: [1, 1].map((r, i) => ({ label: `#${i}`, cells: [String(r)], ratio: '', source: source(4 + i) })) },
        ],
      },
    });
    await page.waitForSelector('#group-picker');
    near(await advantages(page), [-TRL, TRL, TRL, -TRL]);
    assert.match(await text(page, '#batch'), /2 groups, 1 without signal/);
    // The same message again is not applied twice (e.g. after the page re-announces itself).
    await page.fill('#reward-0-0', '1');
    await sendToPage(page, { type: 'load', seq: 1, state: { columns: [], groups: [] } });
    assert.equal(await page.inputValue('#reward-0-0'), '1');
    await page.click('#outputs tbody tr:nth-child(2) vscode-button.goto');
    await page.click('#copy');
    const messages = (await posted(page)) as Array<{ type: string; source?: unknown; text?: string }>;
    assert.deepEqual(messages.find((m) => m.type === 'reveal'), { type: 'reveal', source: source(1) });
    const copy = messages.find((m) => m.type === 'copy');
    const doc = JSON.parse(copy!.text!) as { preset: string; groups: Array<{ zero_signal: boolean; outputs: Array<{ advantage: number; source?: unknown }> }> };
    assert.equal(doc.preset, 'trl');
    assert.equal(doc.groups.length, 2);
    assert.equal(doc.groups[1].zero_signal, true);
    assert.deepEqual(doc.groups[0].outputs[1].source, source(1));
    // Next group via the keyboard-reachable button.
    await page.click('#group-next');
    assert.equal(await page.inputValue('#prompt'), 'What is 6 × 7?');
    assert.match(await text(page, '#notice'), /Zero signal/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('clipped surrogate per output; theme change keeps the chart; light theme', async () => {
    const page = await harness.open('calculator', { theme: 'vscode-light' });
    await page.check('#clip-enabled');
    await page.selectOption('#preset', 'paper');
    // Advantages ±1, ratios 1.1, 1.3, 0.9, 0.7 with ε 0.2: output 2 (A=+1, ρ=1.3) and 4 (A=−1, ρ=0.7) are clipped.
    const surrogates = await page.$$eval('#outputs td.surrogate', (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(surrogates, ['-1.1', '1.2 (clipped)', '0.9', '-0.8 (clipped)']);
    await page.fill('#clip-high', '0.28');
    assert.equal((await page.$$eval('#outputs td.surrogate', (c) => c.map((x) => x.textContent)))[1], '1.28 (clipped)');
    assert.match(await text(page, '#clip-summary'), /clipped outputs: 50%/);
    await page.evaluate(() => {
      document.body.classList.remove('vscode-light');
      document.body.classList.add('vscode-dark');
    });
    await page.waitForTimeout(50);
    assert.ok(await page.$('#chart'));
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('is keyboard usable: every control has a label and Tab reaches the preset first', async () => {
    const page = await harness.open('calculator');
    const unlabelled = await page.$$eval('input, select, textarea', (els) =>
      els
        .filter((e) => !e.getAttribute('aria-label') && !(e.id && document.querySelector(`label[for="${e.id}"]`)))
        .map((e) => e.id || e.outerHTML),
    );
    assert.deepEqual(unlabelled, []);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'preset');
    await page.close();
  });
});

describe('GRPO calculator: conventions, paste, chart and narrow panels (Chromium)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  it('one pasted line is one group; pasting keeps the output labels and prompt', async () => {
    const page = await harness.open('calculator');
    await page.fill('#label-1', 'x = 2 (long way)');
    await page.fill('#paste', '0,1,1,0\n1,1,1,1\n0,0,0,1');
    await page.click('#paste-apply');
    assert.equal(await page.$$eval('#group-picker option', (o) => o.length), 3);
    assert.match(await text(page, '#paste-message'), /12 rewards in 3 groups/);
    assert.deepEqual(await page.$$eval('#outputs tbody input[id^="label-"]', (els) => els.map((e) => (e as HTMLInputElement).value)), ['x = 1', 'x = 2 (long way)', 'x = 2', 'x = 5']);
    assert.equal(await page.inputValue('#prompt'), 'Solve: 2x + 3 = 7');
    assert.equal(await page.$$eval('#outputs tbody tr', (r) => r.length), 4);
    await page.click('#group-next');
    assert.match(await text(page, '#notice'), /Zero signal/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows the group under every convention side by side, and keeps one chart scale across presets', async () => {
    const page = await harness.open('calculator');
    const heads = await page.$$eval('#compare thead th[data-convention]', (c) => c.map((x) => (x as HTMLElement).dataset.convention));
    assert.deepEqual(heads, ['trl', 'trl-batch', 'verl', 'dr-grpo', 'paper', 'openrlhf']);
    const column = (id: string) => page.$$eval(`#compare tbody td[data-convention="${id}"]`, (c) => c.map((x) => Number((x as HTMLElement).dataset.value)));
    near(await column('paper'), [-1, 1, 1, -1], 1e-12);
    near(await column('openrlhf'), [-1, 1, 1, -1].map((x) => (x * 0.5) / (Math.sqrt(1 / 3) + 1e-9)), 1e-12);
    near(await column('verl'), [-1, 1, 1, -1].map((x) => (x * 0.5) / (Math.sqrt(1 / 3) + 1e-6)), 1e-12);
    const limit = () => page.$eval('#chart', (c) => Number((c as HTMLElement).dataset.limit));
    const before = await limit();
    await page.selectOption('#preset', 'dr-grpo');
    assert.equal(await limit(), before, 'the scale does not move with the preset');
    await page.selectOption('#preset', 'paper');
    assert.equal(await limit(), before);
    // Value labels are written on the bars.
    assert.deepEqual(await page.$eval('#chart', (c) => JSON.parse((c as HTMLElement).dataset.valueLabels ?? '[]')), ['−1.00', '+1.00', '+1.00', '−1.00']);
    assert.equal(await page.$eval('#compare th.current', (e) => (e as HTMLElement).dataset.convention), 'paper');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('normalise-then-sum, unscorable outputs and the DAPO overlong buffer from the page', async () => {
    const page = await harness.open('calculator');
    await page.fill('#reward-1-0', 'NaN');
    // TRL scores the unscorable output 0, like the wrong answers: [0, 0, 1, 0].
    assert.ok((await advantages(page))[1] < 0);
    await page.selectOption('#opt-missing', 'exclude');
    assert.equal((await advantages(page))[1], 0);
    assert.equal(await page.inputValue('#preset'), 'custom');
    await page.selectOption('#preset', 'trl');
    await page.fill('#reward-1-0', '1');
    await page.check('#overlong-enabled');
    for (const [i, length] of ['1000', '18432', '1000', '1000'].entries()) await page.fill(`#length-${i}`, length);
    // Output 2 loses half a point: rewards [0, 0.5, 1, 0].
    assert.equal(await page.$eval('#outputs tbody tr:nth-child(2) [data-cell="overlong"]', (e) => e.textContent), '-0.5');
    assert.equal(await page.$eval('#outputs tbody tr:nth-child(2) [data-cell="reward"]', (e) => e.textContent), '0.5');
    assert.ok(await page.$('#compare th[data-convention="trl-normalize"]'));
    // Sum then normalise: half a point is less than a wrong answer's loss.
    const summed = await advantages(page);
    assert.ok(summed[2] > summed[1] && summed[1] > summed[0], `${summed}`);
    // Normalise then sum: the penalty, alone in its function, weighs as much as accuracy.
    await page.selectOption('#opt-agg', 'normalize');
    const a = await advantages(page);
    assert.ok(a[2] > a[0] && a[0] > a[1], `${a}`);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('in a half-width panel with many reward columns the Advantage column stays on screen', async () => {
    const page = await harness.open('calculator');
    await page.setViewportSize({ width: 460, height: 800 });
    const names = ['format', 'tag_count', 'language', 'accuracy', 'reasoning_steps', 'repetition'];
    await sendToPage(page, {
      type: 'load',
      seq: 1,
      state: {
        columns: names.map((name) => ({ name, weight: '1' })),
        groups: [{ prompt: 'p', outputs: [0, 1, 1, 0].map((r, i) => ({ label: `long answer label ${i}`, cells: names.map(() => String(r)), ratio: '', source: { uri: 'file:///d.jsonl', start: 0, end: 1, line: i } })) }],
      },
    });
    await page.waitForSelector('#outputs th:nth-child(7)');
    const box = await page.$eval('#advantage-head', (e) => e.getBoundingClientRect().right);
    assert.ok(box <= 460, `Advantage header ends at ${box}px`);
    const cell = await page.$eval('#outputs tbody td.advantage', (e) => e.getBoundingClientRect().right);
    assert.ok(cell <= 460, `Advantage cell ends at ${cell}px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the page scrolls sideways');
    // The weight rows come after the table.
    const order = await page.evaluate(() => [document.getElementById('outputs')!.getBoundingClientRect().top, document.getElementById('col-weight-0')!.getBoundingClientRect().top]);
    assert.ok(order[0] < order[1]);
    await page.close();
  });
});
