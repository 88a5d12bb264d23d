/**
 * The learning panels in a real workbench: both commands open their panels with content,
 * the stepper moves, a command link in the walkthrough runs through the extension's
 * allow-list (it opens the quiz), and the native Get Started walkthrough ticks a step off
 * when its command runs.
 */
import { strict as assert } from 'node:assert';
import type { Frame, Page } from 'playwright-core';
import { e2e } from './fixture';
import { runCommand, screenshot } from '../../scripts/e2e/workbench';

/** The webview frame (nested inside VS Code's iframes) whose document has `selector`. */
async function panelFrame(page: Page, selector: string, timeoutMs = 30_000, hasText?: RegExp): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame.locator(selector, hasText ? { hasText } : {}).count().catch(() => 0);
      if (found > 0) return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${selector}`);
}

describe('learning panels (code-server)', function () {
  this.timeout(120_000);

  it('opens the R1 pipeline walkthrough, steps through it, and starts the quiz from a link', async () => {
    const page = await e2e().openWorkspace();
    await runCommand(page, 'CoT Trace: Open the R1 Pipeline Walkthrough', 'Open the R1 Pipeline Walkthrough');
    const pipeline = await panelFrame(page, '#section h1');
    assert.equal(await pipeline.locator('#section h1').innerText(), 'Reward it, don\'t script it');
    assert.equal(await pipeline.locator('.toc-link').count(), 11);
    await screenshot(page, 'e2e-pipeline');

    // Step forward and back with the buttons.
    const first = await pipeline.locator('#section h1').innerText();
    await pipeline.locator('#next').click();
    await pipeline.locator('#step-count', { hasText: 'Section 2 of 11' }).waitFor({ timeout: 10_000 });
    assert.notEqual(await pipeline.locator('#section h1').innerText(), first);
    await pipeline.locator('#prev').click();
    await pipeline.locator('#step-count', { hasText: 'Section 1 of 11' }).waitFor({ timeout: 10_000 });

    await pipeline.locator('#section a', { hasText: 'start the quiz' }).click();
    const quiz = await panelFrame(page, '.question');
    assert.match(await quiz.locator('#counter').innerText(), /^Question 1 of \d+$/);
    assert.ok((await quiz.locator('button.choice').count()) >= 2);
    await screenshot(page, 'e2e-quiz');
  });

  it('opens the quiz from the command palette', async () => {
    const page = await e2e().openWorkspace();
    await runCommand(page, 'CoT Trace: Start the R1 Quiz', 'Start the R1 Quiz');
    const quiz = await panelFrame(page, '.question');
    await quiz.locator('button.choice').first().click();
    await quiz.locator('.feedback').waitFor({ state: 'visible', timeout: 10_000 });
    assert.ok((await quiz.locator('.explanation').innerText()).length > 20);
  });

  it('switches the walkthrough to Chinese: the tab title follows, and the quiz opens in Chinese too', async () => {
    const page = await e2e().openWorkspace();
    await runCommand(page, 'CoT Trace: Open the R1 Pipeline Walkthrough', 'Open the R1 Pipeline Walkthrough');
    const pipeline = await panelFrame(page, '#section h1');
    await pipeline.locator('.language[data-locale="zh-cn"]').click();
    await pipeline.locator('#section h1', { hasText: '只给奖励，不教解法' }).waitFor({ timeout: 10_000 });
    await page.locator('.tabs-container .tab', { hasText: 'R1 训练流程详解' }).waitFor({ state: 'visible', timeout: 10_000 });
    // The extension remembers the choice: the quiz, opened now, starts in Chinese.
    await pipeline.locator('#section a', { hasText: '开始测验' }).click();
    // The workbench may also restore the English quiz of an earlier case: find the one in Chinese.
    const quiz = await panelFrame(page, '#counter', 30_000, /^第 1 题，共 \d+ 题$/);
    await page.locator('.tabs-container .tab', { hasText: 'R1 测验' }).waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'e2e-quiz-zh-cn');
    // Back to English in the quiz: the open walkthrough follows.
    await quiz.locator('.language[data-locale="en"]').click();
    await quiz.locator('#counter', { hasText: /^Question 1 of \d+$/ }).waitFor({ timeout: 10_000 });
    await page.locator('.tabs-container .tab', { hasText: 'R1 Quiz' }).waitFor({ state: 'visible', timeout: 10_000 });
  });
});

describe('Get Started walkthrough (code-server)', function () {
  this.timeout(120_000);

  it('lists the steps and ticks one off when its button runs the command', async () => {
    const page = await e2e().openWorkspace();
    await runCommand(page, 'Welcome: Open Walkthrough...', 'Open Walkthrough');
    const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with CoT Trace' }).first();
    await pick.waitFor({ state: 'visible', timeout: 20_000 });
    await pick.click();
    const steps = page.locator('.getting-started-step');
    await steps.filter({ hasText: 'Open a sample trace' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const title of ['See what the rules find', 'Compute GRPO advantages', 'Advantages from a selection', 'Walk through the R1 pipeline', 'Take the quiz', 'Review a real dataset']) {
      assert.equal(await steps.filter({ hasText: title }).count(), 1, title);
    }
    const step = steps.filter({ hasText: 'Open a sample trace' }).first();
    // VS Code marks a done step with a checked icon.
    assert.equal(await step.locator('.codicon-getting-started-step-checked').count(), 0, 'not done before its command ran');
    await step.click();
    await step.locator('a', { hasText: 'Open the sample trace' }).first().click();
    // An untitled copy in the cot-trace language, never the file inside the installed extension.
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'r1-zero.cot' }).count(), 0);
    await page.locator('.statusbar-item', { hasText: /^CoT Trace$/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, 'e2e-walkthrough');
    await runCommand(page, 'Welcome: Open Walkthrough...', 'Open Walkthrough');
    await pick.waitFor({ state: 'visible', timeout: 20_000 });
    await pick.click();
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('.getting-started-step')).some((el) => el.textContent?.includes('Open a sample trace') && el.querySelector('.codicon-getting-started-step-checked') !== null),
      undefined,
      { timeout: 20_000 },
    );
  });
});
