/**
 * The R1 pipeline walkthrough panel in Chromium, with the real bundle and CSP.
 * Needs `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, useWebviewHarness, type OpenOptions, pageErrors, posted, savedState, screenshotDir, sendToPage } from './harness';
import { DARK, LIGHT, applyTheme } from './learnTheme';

const index = JSON.parse(readFileSync(join(ROOT, 'content/learn/index.json'), 'utf8')) as { sections: Array<{ id: string; title: string; stage?: number }> };
const SECTIONS = index.sections;
const position = (id: string) => SECTIONS.findIndex((s) => s.id === id);

const heading = (page: Page) => page.locator('#section h1').innerText();
const current = (page: Page) => page.locator('.toc-link[aria-current="step"]').innerText();

describe('pipeline walkthrough panel', function () {
  const harness = useWebviewHarness();

  async function open(options: OpenOptions = {}): Promise<Page> {
    const page = await harness.open('pipeline', options);
    await page.locator('#section h1').waitFor();
    return page;
  }

  it('starts at the first section and moves with the buttons and the arrow keys', async () => {
    const page = await open();
    assert.equal(await heading(page), SECTIONS[0].title);
    assert.equal(await current(page), SECTIONS[0].title);
    assert.equal(await page.locator('#prev').getAttribute('disabled'), '');

    await page.locator('#next').click();
    assert.equal(await heading(page), SECTIONS[1].title);
    assert.equal(await current(page), SECTIONS[1].title);
    assert.match(await page.locator('#step-count').innerText(), new RegExp(`Section 2 of ${SECTIONS.length}`));

    await page.keyboard.press('ArrowRight');
    assert.equal(await heading(page), SECTIONS[2].title);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await heading(page), SECTIONS[0].title);
    await page.keyboard.press('ArrowLeft'); // stays at the first section
    assert.equal(await heading(page), SECTIONS[0].title);

    await page.locator('.toc-link', { hasText: 'Results' }).click();
    assert.equal(await heading(page), 'Results');
    assert.deepEqual(await savedState(page), { section: 'results' });
    assert.match(await page.locator('#announce').innerText(), /Results/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('marks the current training stage in the stage strip and walks the four stages', async () => {
    const page = await open({ savedState: { section: 'stage-1' } });
    for (let stage = 1; stage <= 4; stage++) {
      assert.equal(await page.locator('.stage[aria-current="step"]').getAttribute('data-stage'), String(stage));
      assert.equal(await page.locator('.stage.done').count(), stage - 1);
      const text = await page.locator('#section').innerText();
      for (const part of ['Input', 'What is trained, and how', 'Rewards', 'What comes out', 'Why it matters', 'Key numbers']) {
        assert.ok(text.includes(part), `stage ${stage} lacks "${part}"`);
      }
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(await page.locator('.stage[aria-current="step"]').count(), 0);
    assert.equal(await heading(page), 'Results');
    await page.locator('.stage[data-stage="3"]').click();
    assert.match(await heading(page), /Stage 3/);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('restores the saved section, and goes to a section the extension asks for', async () => {
    const page = await open({ savedState: { section: 'grpo' } });
    assert.equal(await heading(page), 'GRPO instead of PPO');
    await sendToPage(page, { type: 'goto', section: 'faq' });
    await page.locator('#section h1', { hasText: 'Questions people ask' }).waitFor();
    await sendToPage(page, { type: 'goto', section: 'no-such-section' });
    assert.equal(await heading(page), 'Questions people ask');
    assert.deepEqual(await savedState(page), { section: 'faq' });
    const messages = await posted(page);
    assert.deepEqual(messages[0], { type: 'ready' });
    await page.close();
  });

  it('opens at the section given in the initial state', async () => {
    const page = await open({ initialState: { section: 'distillation' } });
    assert.equal(await heading(page), 'Distillation');
    await page.close();
  });

  it('renders the example traces with the grammar\'s highlight classes', async () => {
    const page = await open({ savedState: { section: 'zero-vs-r1' } });
    const traces = page.locator('#section pre.trace');
    assert.equal(await traces.count(), 2);
    const zero = traces.nth(0);
    assert.equal(await zero.locator('mark.reflection').first().innerText(), 'Wait');
    assert.deepEqual(await zero.locator('.tag').allInnerTexts(), ['<think>', '</think>', '<answer>', '</answer>'], 'R1-Zero answers inside its template tags');
    assert.equal(await zero.locator('.boxed').count(), 0);
    const r1 = traces.nth(1);
    assert.deepEqual(await r1.locator('.tag').allInnerTexts(), ['<think>', '</think>']);
    assert.match(await r1.locator('.thought').first().innerText(), /The function is f\(x\) = x\^2/);
    assert.equal(await r1.locator('.boxed').innerText(), '\\boxed{\\frac{1}{3}}');
    // Each example's key names exactly what the example shows: R1-Zero has no boxed answer.
    const legendKinds = (i: number) => page.locator('#section figure.trace-figure').nth(i).locator('.trace-legend .legend-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    assert.deepEqual(await legendKinds(0), ['tag', 'thought', 'reflection']);
    assert.deepEqual(await legendKinds(1), ['tag', 'thought', 'boxed']);
    for (let i = 0; i < 2; i++) {
      const shown = await traces.nth(i).evaluate((pre) => ['tag', 'thought', 'reflection', 'boxed'].filter((k) => pre.querySelector(`.${k}`)));
      assert.deepEqual(await legendKinds(i), shown, `legend ${i} matches its example`);
    }

    await page.locator('.toc-link', { hasText: 'aha' }).click();
    const aha = page.locator('#section pre.trace').first();
    assert.deepEqual(await aha.locator('mark.reflection').allInnerTexts(), ['Wait', 'Let me re-check']);
    assert.match(await page.locator('#section').innerText(), /after step 8,000/);
    await page.close();
  });

  it('turns command links into messages for the extension', async () => {
    const page = await open({ savedState: { section: 'grpo' } });
    await page.locator('#section a', { hasText: 'GRPO calculator' }).click();
    await page.locator('.toc-link', { hasText: 'Reward it' }).click();
    await page.locator('#section a', { hasText: 'open a sample R1-Zero trace' }).click();
    await page.locator('#section a', { hasText: 'start the quiz' }).click();
    const commands = (await posted(page)).filter((m) => (m as { type: string }).type === 'command');
    assert.deepEqual(commands, [
      { type: 'command', command: 'cotTrace.openCalculator', args: [{ rewards: [0, 1, 1, 0] }] },
      { type: 'command', command: 'cotTrace.openSample', args: [] },
      { type: 'command', command: 'cotTrace.openQuiz', args: [] },
    ]);
    // A link to another section navigates inside the panel.
    await page.locator('.toc-link', { hasText: 'Distillation' }).click();
    await page.locator('#section a[href="#results"]').click();
    assert.equal(await heading(page), 'Results');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('draws the results as charts with the numbers in tables, and redraws on a theme change', async () => {
    const page = await open({ savedState: { section: 'results' } });
    await applyTheme(page, LIGHT, 'vscode-light');
    const canvases = page.locator('#section canvas[role="img"]');
    assert.equal(await canvases.count(), 3);
    assert.match((await canvases.first().getAttribute('aria-label')) ?? '', /DeepSeek-R1.*OpenAI o1-1217/);
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((c) => {
        const ctx = c.getContext('2d')!;
        const pixels = ctx.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return painted;
      }),
    );
    assert.ok(drawn.every((n) => n > 1000), `charts look empty: ${drawn.join(', ')}`);
    const text = await page.locator('#section table').first().innerText();
    for (const n of ['79.8', '79.2', '97.3', '96.4', '71.5', '75.7']) assert.ok(text.includes(n), `missing ${n}`);
    // Percentile and accuracy never share an axis; every bar carries its value.
    assert.doesNotMatch(text, /Codeforces/);
    assert.match(await page.locator('#section table').nth(1).innerText(), /Percentile\s+96\.3\s+96\.6/);
    const labels = await canvases.evaluateAll((cs) => cs.map((c) => JSON.parse((c as HTMLElement).dataset.valueLabels ?? '[]') as string[]));
    assert.deepEqual(labels[0].slice(0, 2), ['79.8', '97.3']);
    assert.deepEqual(labels[1], ['96.3', '96.6']);
    assert.equal(labels[2].length, 24);
    assert.ok(!labels[2].includes('954'), 'the Codeforces rating is not drawn on a percentage axis');
    // The sources are cited and linked beside the numbers.
    const links = await page.locator('#section a[href^="https://"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.includes('https://arxiv.org/abs/2501.12948'), `${links}`);
    assert.ok(links.includes('https://doi.org/10.1038/s41586-025-09422-z'), `${links}`);
    const distilled = await page.locator('#section table').nth(2).innerText();
    assert.ok(distilled.includes('72.6') && distilled.includes('1691'));
    await applyTheme(page, DARK, 'vscode-dark');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('renders every section from content/learn', async () => {
    const page = await open();
    for (let i = 0; i < SECTIONS.length; i++) {
      assert.equal(await heading(page), SECTIONS[i].title, `section ${SECTIONS[i].id}`);
      assert.doesNotMatch(await page.locator('#section').innerText(), /Missing content/);
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(await page.locator('#next').getAttribute('disabled'), '');
    assert.deepEqual(pageErrors(page), [], 'no page errors and no network requests');
    await page.close();
  });

  it('looks right in the dark theme (screenshot)', async () => {
    const page = await open({ savedState: { section: 'zero-vs-r1' } });
    await applyTheme(page, DARK, 'vscode-dark');
    await page.screenshot({ path: join(screenshotDir(), 'pipeline.png'), fullPage: true });
    await page.locator('.toc-link', { hasText: 'Results' }).click();
    await page.screenshot({ path: join(screenshotDir(), 'pipeline-results.png'), fullPage: true });
    await page.locator('.toc-link', { hasText: 'Stage 2' }).click();
    await applyTheme(page, LIGHT, 'vscode-light');
    await page.screenshot({ path: join(screenshotDir(), 'pipeline-stage-light.png'), fullPage: true });
    assert.ok(position('results') > 0);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('ends with a call to take the quiz', async () => {
    const page = await open({ savedState: { section: SECTIONS[SECTIONS.length - 1].id } });
    const last = page.locator('#section > *').last();
    assert.match(await last.innerText(), /Take the quiz/);
    await last.locator('a', { hasText: 'Take the quiz' }).click();
    const commands = (await posted(page)).filter((m) => (m as { type: string }).type === 'command');
    assert.deepEqual(commands, [{ type: 'command', command: 'cotTrace.openQuiz', args: [] }]);
    await page.close();
  });

  it('cites the R1 paper (arXiv and Nature) with links wherever numbers appear', async () => {
    const page = await open();
    for (const id of ['overview', 'zero-vs-r1', 'results', 'faq']) {
      await sendToPage(page, { type: 'goto', section: id });
      await page.waitForFunction((want) => document.querySelector('#section h1')?.textContent === want, SECTIONS[position(id)].title);
      const hrefs = await page.locator('#section a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(hrefs.includes('https://arxiv.org/abs/2501.12948'), `${id}: no arXiv link`);
    }
    await page.close();
  });

  it('the stage strip text fits its boxes at every width', async () => {
    const page = await open({ savedState: { section: 'stage-3' } });
    for (const width of [320, 480, 640, 701, 800, 900, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      const overflow = await page.$$eval('.stage', (buttons) =>
        buttons.flatMap((b) => {
          const box = b.getBoundingClientRect();
          const name = b.querySelector('.stage-name')!.getBoundingClientRect();
          const out = [];
          if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1) out.push(`${b.textContent} scrolls`);
          if (name.right > box.right + 0.5 || name.left < box.left - 0.5 || name.bottom > box.bottom + 0.5) out.push(`${b.textContent} spills`);
          return out;
        }),
      );
      assert.deepEqual(overflow, [], `at ${width}px`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `page scrolls sideways at ${width}px`);
    }
    await page.close();
  });
});

describe('pipeline walkthrough panel in Simplified Chinese', function () {
  const harness = useWebviewHarness();
  const zhIndex = JSON.parse(readFileSync(join(ROOT, 'content/learn/zh-cn/index.json'), 'utf8')) as { sections: Array<{ id: string; title: string }> };
  const zhTitle = (id: string) => zhIndex.sections.find((s) => s.id === id)!.title;
  const HAN = /\p{Script=Han}/u;

  async function open(options: OpenOptions = {}): Promise<Page> {
    const page = await harness.open('pipeline', options);
    await page.locator('#section h1').waitFor();
    return page;
  }

  it('opens in Chinese when VS Code\'s display language is zh-cn, content and labels alike', async () => {
    const page = await open({ lang: 'zh-cn' });
    assert.equal(await page.locator('header h1').innerText(), 'DeepSeek-R1 是怎样训练出来的');
    assert.equal(await heading(page), zhTitle('overview'));
    assert.deepEqual(await page.locator('.toc-link').allInnerTexts(), SECTIONS.map((s) => zhTitle(s.id)));
    assert.equal(await page.locator('#step-count').innerText(), `第 1 节，共 ${SECTIONS.length} 节：${zhTitle('overview')}`);
    assert.equal((await page.locator('#next').innerText()).trim(), '下一节 →');
    assert.equal(await page.locator('.stage[data-stage="1"] .stage-name').innerText(), '阶段 1：冷启动');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    assert.equal(await page.locator('.language[aria-pressed="true"]').innerText(), '简体中文');
    assert.equal(await page.locator('#language-switch').getAttribute('aria-label'), '语言');
    assert.match(await page.title(), /^R1 训练流程：/);
    // No English left in the panel's own labels (names such as DeepSeek-R1 and GRPO aside).
    const chrome = await page.evaluate(() => {
      const parts = ['header', '.sidebar', '.stages', '.pager'].map((s) => (document.querySelector(s) as HTMLElement).innerText);
      for (const el of Array.from(document.querySelectorAll('[aria-label]'))) parts.push(el.getAttribute('aria-label') ?? '');
      return parts.join('\n');
    });
    const english = (chrome.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['DeepSeek', 'Zero', 'GRPO', 'PPO', 'English', 'AIME', 'MATH', 'OpenAI'].includes(w));
    assert.deepEqual(english, [], chrome);
    // Every section, in Chinese, none missing.
    for (let i = 0; i < SECTIONS.length; i++) {
      assert.equal(await heading(page), zhTitle(SECTIONS[i].id));
      const text = await page.locator('#section').innerText();
      assert.doesNotMatch(text, /Missing content/);
      assert.ok(text.split('').filter((c) => HAN.test(c)).length > 40, `${SECTIONS[i].id} is not in Chinese`);
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(await savedState(page).then((s) => (s as { lang?: string }).lang), undefined, 'no choice made: the display language stays in charge');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('switches language in the panel, keeps the section and remembers the choice', async () => {
    const page = await open({ savedState: { section: 'grpo' } });
    assert.equal(await heading(page), 'GRPO instead of PPO');
    await page.locator('.language[data-locale="zh-cn"]').click();
    assert.equal(await heading(page), '用 GRPO 取代 PPO');
    assert.equal(await page.locator('header h1').innerText(), 'DeepSeek-R1 是怎样训练出来的');
    assert.equal(await page.locator('.toc-link[aria-current="step"]').innerText(), '用 GRPO 取代 PPO');
    assert.deepEqual(await savedState(page), { section: 'grpo', lang: 'zh-cn' });
    assert.deepEqual((await posted(page)).filter((m) => (m as { type: string }).type === 'language'), [{ type: 'language', lang: 'zh-cn' }]);
    assert.match(await page.locator('#announce').innerText(), /第 4 节/);
    await page.keyboard.press('ArrowRight');
    assert.equal(await heading(page), '阶段 1：冷启动');
    assert.deepEqual(await savedState(page), { section: 'stage-1', lang: 'zh-cn' });
    await page.locator('.language[data-locale="en"]').click();
    assert.equal(await heading(page), 'Stage 1: Cold start');
    assert.equal(await page.locator('.stage[data-stage="1"] .stage-name').innerText(), 'Stage 1: Cold start');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.deepEqual(pageErrors(page), []);
    await page.close();

    // The choice wins over the display language, after a reload and when the extension hands it over.
    const reloaded = await open({ lang: 'en', savedState: { section: 'stage-1', lang: 'zh-cn' } });
    assert.equal(await heading(reloaded), '阶段 1：冷启动');
    await reloaded.close();
    const handed = await open({ lang: 'zh-cn', initialState: { lang: 'en' } });
    assert.equal(await heading(handed), SECTIONS[0].title);
    await handed.close();
  });

  it('follows a language picked in the quiz, passed on by the extension, without echoing it back', async () => {
    const page = await open({ savedState: { section: 'results' } });
    await sendToPage(page, { type: 'language', lang: 'zh-cn' });
    await page.locator('#section h1', { hasText: '结果' }).waitFor();
    assert.deepEqual(await savedState(page), { section: 'results', lang: 'zh-cn' });
    await sendToPage(page, { type: 'language', lang: 'fr' });
    assert.equal(await heading(page), '结果');
    assert.deepEqual((await posted(page)).filter((m) => (m as { type: string }).type === 'language'), []);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('highlights the Chinese traces and labels the legend and charts in Chinese (screenshot)', async () => {
    const page = await open({ lang: 'zh-cn', savedState: { section: 'aha' } });
    const aha = page.locator('#section pre.trace').first();
    assert.deepEqual(await aha.locator('mark.reflection').allInnerTexts(), ['等等', '再检查']);
    assert.equal(await aha.getAttribute('aria-label'), '模型输出示例');
    assert.equal(await page.locator('#section pre.trace').nth(1).locator('mark.reflection').count(), 0, 'the guessing checkpoint never reflects');
    assert.match(await page.locator('.trace-legend').first().innerText(), /自我纠错/);
    assert.match(await page.locator('#section').innerText(), /第 8,000 步之后/);
    await applyTheme(page, DARK, 'vscode-dark');
    await page.screenshot({ path: join(screenshotDir(), 'pipeline-zh-cn.png'), fullPage: true });

    // The tagged R1-Zero example gets its own key, in Chinese, naming only what it shows.
    await page.locator('.toc-link', { hasText: 'R1-Zero 与 R1' }).click();
    const zeroLegend = page.locator('#section figure.trace-figure').first().locator('.trace-legend');
    assert.deepEqual(await zeroLegend.locator('.legend-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind)), ['tag', 'thought', 'reflection']);
    assert.match(await zeroLegend.innerText(), /自我纠错/);

    await page.locator('.toc-link', { hasText: '结果' }).click();
    const canvases = page.locator('#section canvas[role="img"]');
    // Accuracy, the Codeforces percentile and the distilled models: three charts, as in English.
    assert.equal(await canvases.count(), 3);
    assert.match((await canvases.first().getAttribute('aria-label')) ?? '', /DeepSeek-R1 对比 OpenAI o1-1217.*下方表格/);
    assert.match((await canvases.nth(1).getAttribute('aria-label')) ?? '', /Codeforces 百分位/);
    const table = await page.locator('#section table').first().innerText();
    for (const n of ['79.8', '79.2', '97.3', '96.4', '71.5', '75.7']) assert.ok(table.includes(n), `missing ${n}`);
    assert.match(table, /基准/);
    assert.doesNotMatch(table, /Codeforces/);
    assert.match(await page.locator('#section table').nth(1).innerText(), /百分位\s+96\.3\s+96\.6/);
    const labels = await canvases.evaluateAll((cs) => cs.map((c) => JSON.parse((c as HTMLElement).dataset.valueLabels ?? '[]') as string[]));
    assert.deepEqual(labels[1], ['96.3', '96.6']);
    await page.screenshot({ path: join(screenshotDir(), 'pipeline-zh-cn-results.png'), fullPage: true });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
