/**
 * The R1 quiz panel in Chromium, with the real bundle and CSP. Needs `npm run build` first.
 * The correct answers come from content/quiz/questions.json; the page marks each choice
 * button with the choice's index in that file (`data-choice`).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, useWebviewHarness, type OpenOptions, pageErrors, posted, savedState, screenshotDir, sendToPage } from './harness';
import { DARK, applyTheme } from './learnTheme';

interface Question {
  id: string;
  section: string;
  choices: Array<{ correct?: boolean }>;
}
const QUESTIONS = (JSON.parse(readFileSync(join(ROOT, 'content/quiz/questions.json'), 'utf8')) as { questions: Question[] }).questions;
const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));
const correctOf = (id: string) => BY_ID.get(id)!.choices.findIndex((c) => c.correct);

async function currentQuestion(page: Page): Promise<string> {
  return (await page.locator('.question').getAttribute('data-question'))!;
}

/** The 1-based key that picks the correct (or a wrong) choice of the current question. */
async function keyFor(page: Page, right: boolean): Promise<string> {
  const id = await currentQuestion(page);
  const originals = (await page.locator('button.choice').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-choice')))));
  const shown = originals.findIndex((o) => (o === correctOf(id)) === right);
  return String(shown + 1);
}

const scoreText = (page: Page) => page.locator('#score').innerText();

describe('quiz panel', function () {
  const harness = useWebviewHarness();

  async function open(options: OpenOptions = {}): Promise<Page> {
    const page = await harness.open('quiz', options);
    await page.locator('.question').waitFor();
    return page;
  }

  it('answers with the number keys, explains, links to the section, and goes on with Enter', async () => {
    const page = await open();
    assert.equal(await page.locator('#counter').innerText(), `Question 1 of ${QUESTIONS.length}`);
    assert.equal(await scoreText(page), 'Score: 0');
    const first = await currentQuestion(page);
    await page.keyboard.press(await keyFor(page, true));
    assert.equal(await scoreText(page), 'Score: 1');
    assert.equal(await page.locator('.verdict-line').innerText(), 'Correct.');
    assert.ok((await page.locator('.explanation').innerText()).length > 20);
    assert.match(await page.locator('#announce').innerText(), /Correct/);
    // Further keys do not change the answer.
    await page.keyboard.press(await keyFor(page, false));
    assert.equal(await scoreText(page), 'Score: 1');

    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#counter').innerText(), `Question 2 of ${QUESTIONS.length}`);
    const second = await currentQuestion(page);
    assert.notEqual(second, first);

    await page.keyboard.press(await keyFor(page, false));
    await page.locator('.section-link').click();
    const commands = (await posted(page)).filter((m) => (m as { type: string }).type === 'command');
    assert.deepEqual(commands, [{ type: 'command', command: 'cotTrace.openPipeline', args: [BY_ID.get(second)!.section] }]);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('counts a wrong click as a mistake and shows the right answer', async () => {
    const page = await open();
    const key = await keyFor(page, false);
    await page.locator('button.choice').nth(Number(key) - 1).click();
    assert.equal(await scoreText(page), 'Score: 0');
    assert.equal(await page.locator('button.choice.wrong').count(), 1);
    assert.equal(await page.locator('button.choice.correct').count(), 1);
    assert.equal(await page.locator('.verdict-line').innerText(), 'Not quite.');
    await page.close();
  });

  it('finishes with the score, a review of the mistakes, and reports the result', async () => {
    const page = await open({ initialState: { best: { score: 3, total: QUESTIONS.length } } });
    assert.equal(await page.locator('#best').innerText(), `Best: 3 / ${QUESTIONS.length}`);
    const wrong = new Set<string>();
    for (let i = 0; i < QUESTIONS.length; i++) {
      const id = await currentQuestion(page);
      const right = i % 4 !== 0; // every fourth answer wrong
      if (!right) wrong.add(id);
      await page.keyboard.press(await keyFor(page, right));
      await page.keyboard.press('Enter');
    }
    const expected = QUESTIONS.length - wrong.size;
    assert.equal(await page.locator('#result').innerText(), `You scored ${expected} out of ${QUESTIONS.length}`);
    assert.equal(await scoreText(page), `Score: ${expected}`);
    const reviewed = await page.locator('.mistake').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')));
    assert.deepEqual(new Set(reviewed), wrong);
    const results = (await posted(page)).filter((m) => (m as { type: string }).type === 'result');
    assert.deepEqual(results, [{ type: 'result', score: expected, total: QUESTIONS.length }]);
    assert.equal(await page.locator('#best').innerText(), `Best: ${expected} / ${QUESTIONS.length}`);

    // The extension's answer is what the page shows (e.g. a better score from another window).
    await sendToPage(page, { type: 'best', best: { score: QUESTIONS.length, total: QUESTIONS.length } });
    await page.locator('#best', { hasText: `Best: ${QUESTIONS.length} / ${QUESTIONS.length}` }).waitFor();

    await page.locator('#restart').click();
    assert.equal(await page.locator('#counter').innerText(), `Question 1 of ${QUESTIONS.length}`);
    assert.equal(await scoreText(page), 'Score: 0');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('scores each section, retries only the mistakes, and a retry leaves the best score alone', async () => {
    const page = await open({ initialState: { best: { score: 3, total: QUESTIONS.length } } });
    const wrong: string[] = [];
    for (let i = 0; i < QUESTIONS.length; i++) {
      const id = await currentQuestion(page);
      const right = i >= 3; // the first three wrong
      if (!right) wrong.push(id);
      await page.keyboard.press(await keyFor(page, right));
      await page.keyboard.press('Enter');
    }
    // One row per section that has questions, right answers over questions.
    const expected = new Map<string, { right: number; total: number }>();
    for (const q of QUESTIONS) {
      const row = expected.get(q.section) ?? { right: 0, total: 0 };
      row.total++;
      if (!wrong.includes(q.id)) row.right++;
      expected.set(q.section, row);
    }
    const rows = await page.locator('#section-scores tbody tr').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-section'), e.querySelector('td')!.textContent, e.classList.contains('weak')]),
    );
    assert.deepEqual(
      new Map(rows.map(([section, text]) => [section, text])),
      new Map([...expected].map(([section, r]) => [section, `${r.right} / ${r.total}`])),
    );
    assert.deepEqual(rows.filter((r) => r[2]).map((r) => r[0]).sort(), [...new Set(wrong.map((id) => BY_ID.get(id)!.section))].sort());

    await page.locator('#retry', { hasText: 'Retry the 3 I got wrong' }).click();
    assert.equal(await page.locator('#counter').innerText(), 'Retry: question 1 of 3');
    const asked: string[] = [];
    for (let i = 0; i < 3; i++) {
      asked.push(await currentQuestion(page));
      await page.keyboard.press(await keyFor(page, true));
      await page.keyboard.press('Enter');
    }
    assert.deepEqual(asked.sort(), [...wrong].sort());
    assert.equal(await page.locator('#result').innerText(), 'You scored 3 out of 3');
    // Only the full attempt reported a result; the best score stays a full-attempt score.
    const results = (await posted(page)).filter((m) => (m as { type: string }).type === 'result');
    assert.deepEqual(results, [{ type: 'result', score: QUESTIONS.length - 3, total: QUESTIONS.length }]);
    assert.equal(await page.locator('#best').innerText(), `Best: ${QUESTIONS.length - 3} / ${QUESTIONS.length}`);
    assert.equal(await page.locator('#retry').count(), 0, 'nothing left to retry');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('hands every step of the attempt to the extension, and resumes from what it hands back', async () => {
    const page = await open();
    await page.keyboard.press(await keyFor(page, true));
    await page.keyboard.press('Enter');
    const question = await currentQuestion(page);
    const attempts = (await posted(page)).filter((m) => (m as { type: string }).type === 'attempt') as Array<{ state: { index: number } }>;
    assert.ok(attempts.length >= 2);
    const last = attempts[attempts.length - 1].state;
    assert.equal(last.index, 1);
    await page.close();

    // The panel was closed (no saved page state): the extension opens it with the attempt it kept.
    const reopened = await open({ initialState: { ...last, best: { score: 1, total: QUESTIONS.length } } });
    assert.equal(await currentQuestion(reopened), question);
    assert.equal(await reopened.locator('#counter').innerText(), `Question 2 of ${QUESTIONS.length}`);
    assert.equal(await scoreText(reopened), 'Score: 1');
    assert.equal(await reopened.locator('#best').innerText(), `Best: 1 / ${QUESTIONS.length}`);
    assert.deepEqual(pageErrors(reopened), []);
    await reopened.close();
  });

  it('shuffles the questions and choices for each attempt', async () => {
    const a = await open();
    const b = await open();
    const orderA = ((await savedState(a)) as { order: string[] }).order;
    const orderB = ((await savedState(b)) as { order: string[] }).order;
    assert.deepEqual([...orderA].sort(), QUESTIONS.map((q) => q.id).sort());
    assert.notDeepEqual(orderA, orderB);
    const choicesA = ((await savedState(a)) as { choiceOrder: Record<string, number[]> }).choiceOrder;
    const choicesB = ((await savedState(b)) as { choiceOrder: Record<string, number[]> }).choiceOrder;
    assert.notDeepEqual(choicesA, choicesB);
    await a.close();
    await b.close();
  });

  it('comes back where it was after a reload', async () => {
    const page = await open();
    await page.keyboard.press(await keyFor(page, true));
    await page.keyboard.press('Enter');
    await page.keyboard.press(await keyFor(page, false));
    const state = (await savedState(page)) as { order: string[] };
    const question = await currentQuestion(page);
    await page.close();

    const restored = await open({ savedState: state });
    assert.equal(await currentQuestion(restored), question);
    assert.equal(await restored.locator('#counter').innerText(), `Question 2 of ${QUESTIONS.length}`);
    assert.equal(await scoreText(restored), 'Score: 1');
    assert.equal(await restored.locator('button.choice.wrong').count(), 1, 'the answer given is still shown');
    await restored.close();
  });

  it('starts a new attempt when the saved state no longer matches the questions', async () => {
    const page = await open({ savedState: { order: ['gone'], choiceOrder: {}, index: 0, answers: {}, finished: false, best: { score: 2, total: 5 } } });
    assert.equal(await page.locator('#counter').innerText(), `Question 1 of ${QUESTIONS.length}`);
    assert.equal(await page.locator('#best').innerText(), 'Best: 2 / 5');
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('renders trace choices with highlighting (screenshot)', async () => {
    // Find a "which trace" question by restarting until one comes first would be slow: put it first instead.
    const traceQuestion = QUESTIONS.find((q) => q.id === 'accuracy-reward-1')!;
    const order = [traceQuestion.id, ...QUESTIONS.filter((q) => q !== traceQuestion).map((q) => q.id)];
    const choiceOrder = Object.fromEntries(QUESTIONS.map((q) => [q.id, q.choices.map((_, i) => i)]));
    const page = await open({ savedState: { order, choiceOrder, index: 0, answers: {}, finished: false } });
    await applyTheme(page, DARK, 'vscode-dark');
    assert.equal(await page.locator('button.choice pre.trace').count(), traceQuestion.choices.length);
    assert.ok((await page.locator('button.choice .boxed').count()) >= 3);
    await page.keyboard.press('3'); // a wrong answer, to show the feedback
    await page.screenshot({ path: join(screenshotDir(), 'quiz.png'), fullPage: true });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});

describe('quiz panel in Simplified Chinese', function () {
  const harness = useWebviewHarness();
  const ZH = (JSON.parse(readFileSync(join(ROOT, 'content/quiz/questions.zh-cn.json'), 'utf8')) as { questions: Array<Question & { prompt: string; explanation: string }> }).questions;
  const ZH_BY_ID = new Map(ZH.map((q) => [q.id, q]));
  const zhSections = JSON.parse(readFileSync(join(ROOT, 'content/learn/zh-cn/index.json'), 'utf8')) as { sections: Array<{ id: string; title: string }> };

  async function open(options: OpenOptions = {}): Promise<Page> {
    const page = await harness.open('quiz', options);
    await page.locator('.question').waitFor();
    return page;
  }

  it('asks, answers and explains in Chinese when VS Code\'s display language is zh-cn', async () => {
    const page = await open({ lang: 'zh-cn' });
    assert.equal(await page.locator('header h1').innerText(), 'R1 测验');
    assert.equal(await page.locator('#counter').innerText(), `第 1 题，共 ${QUESTIONS.length} 题`);
    assert.equal(await scoreText(page), '得分：0');
    assert.equal(await page.locator('#best').innerText(), '还没有最好成绩');
    const id = await currentQuestion(page);
    const zh = ZH_BY_ID.get(id)!;
    assert.equal((await page.locator('.question .prompt').innerText()).trim().replace(/\s+/g, ''), zh.prompt.replace(/[*`]/g, '').replace(/\s+/g, ''));
    assert.match(await page.locator('.hint').innerText(), /^按 1–\d 键作答。$/);
    await page.keyboard.press(await keyFor(page, true));
    assert.equal(await page.locator('.verdict-line').innerText(), '答对了。');
    assert.ok(/\p{Script=Han}/u.test(await page.locator('.explanation').innerText()));
    const title = zhSections.sections.find((s) => s.id === zh.section)!.title;
    assert.equal(await page.locator('.section-link').innerText(), `相关章节：${title}`);
    assert.match(await page.locator('#announce').innerText(), /^答对了。/);
    assert.match((await page.locator('#next').innerText()).trim(), /^(下一题|查看结果)（Enter）$/);
    // No English left in the panel's own labels.
    const chrome = await page.evaluate(() => {
      const parts = ['header', '.feedback .verdict-line', '.section-link', '.actions', '.verdict'].map((s) => (document.querySelector(s) as HTMLElement | null)?.innerText ?? '');
      for (const el of Array.from(document.querySelectorAll('[aria-label]'))) parts.push(el.getAttribute('aria-label') ?? '');
      return parts.join('\n');
    });
    const english = (chrome.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['English', 'Enter', 'GRPO', 'PPO', 'Zero'].includes(w));
    assert.deepEqual(english, [], chrome);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('switches language mid-attempt without losing the answers, and finishes in Chinese', async () => {
    const page = await open();
    const first = await currentQuestion(page);
    await page.keyboard.press(await keyFor(page, true));
    assert.equal(await page.locator('.verdict-line').innerText(), 'Correct.');
    await page.locator('.language[data-locale="zh-cn"]').click();
    assert.equal(await currentQuestion(page), first);
    assert.equal(await page.locator('.verdict-line').innerText(), '答对了。');
    assert.equal(await scoreText(page), '得分：1');
    assert.ok(/\p{Script=Han}/u.test(await page.locator('.question .prompt').innerText()));
    const state = (await savedState(page)) as { lang?: string; answers: Record<string, number> };
    assert.equal(state.lang, 'zh-cn');
    assert.equal(state.answers[first], correctOf(first));
    assert.ok((await posted(page)).some((m) => (m as { type: string; lang?: string }).type === 'language' && (m as { lang: string }).lang === 'zh-cn'));
    // The attempt handed to the extension carries the choice, so the quiz reopens in Chinese.
    const attempts = (await posted(page)).filter((m) => (m as { type: string }).type === 'attempt') as Array<{ state: { lang?: string } }>;
    assert.equal(attempts.at(-1)?.state.lang, 'zh-cn');

    // Focus is on the switch now, so Enter would press it: go on with the button.
    await page.locator('#next').click();
    for (let i = 1; i < QUESTIONS.length; i++) {
      await page.keyboard.press(await keyFor(page, i !== 1));
      await page.keyboard.press('Enter');
    }
    assert.equal(await page.locator('#result').innerText(), `你答对了 ${QUESTIONS.length - 1} 题，共 ${QUESTIONS.length} 题`);
    assert.equal(await page.locator('#counter').innerText(), `已完成：共 ${QUESTIONS.length} 题`);
    assert.equal(await page.locator('#section-scores caption').innerText(), '各章节得分');
    assert.equal(await page.locator('#retry').innerText(), '重做答错的那 1 题');
    assert.match(await page.locator('.review').innerText(), /你的答案：[\s\S]*正确答案：/);
    await applyTheme(page, DARK, 'vscode-dark');
    await page.screenshot({ path: join(screenshotDir(), 'quiz-zh-cn-summary.png'), fullPage: true });

    await page.locator('.language[data-locale="en"]').click();
    assert.equal(await page.locator('#result').innerText(), `You scored ${QUESTIONS.length - 1} out of ${QUESTIONS.length}`);
    assert.equal(await page.locator('#counter').innerText(), `Finished: ${QUESTIONS.length} questions`);
    assert.deepEqual(pageErrors(page), []);
    await page.close();

    // A saved choice wins over the display language.
    const reopened = await open({ lang: 'en', initialState: { lang: 'zh-cn' } });
    assert.equal(await reopened.locator('header h1').innerText(), 'R1 测验');
    await reopened.close();
  });

  it('follows a language picked in the walkthrough, passed on by the extension, without echoing it back', async () => {
    const page = await open();
    await sendToPage(page, { type: 'language', lang: 'zh-cn' });
    await page.locator('header h1', { hasText: 'R1 测验' }).waitFor();
    assert.match(await page.locator('#counter').innerText(), /^第 1 题/);
    assert.equal(((await savedState(page)) as { lang?: string }).lang, 'zh-cn');
    assert.deepEqual((await posted(page)).filter((m) => (m as { type: string }).type === 'language'), []);
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });

  it('shows Chinese trace choices with their reflections highlighted', async () => {
    const order = ['aha-which-trace'];
    const page = await open({ lang: 'zh-cn', savedState: { order, choiceOrder: { 'aha-which-trace': [0, 1, 2] }, index: 0, answers: {}, finished: false, retry: true } });
    const traces = page.locator('button.choice pre.trace');
    assert.equal(await traces.count(), 3);
    assert.deepEqual(await traces.nth(0).locator('mark.reflection').allInnerTexts(), ['等等']);
    assert.equal(await traces.nth(0).getAttribute('aria-label'), '候选输出');
    assert.equal(await page.locator('#counter').innerText(), '重做：第 1 题，共 1 题');
    await page.screenshot({ path: join(screenshotDir(), 'quiz-zh-cn-traces.png'), fullPage: true });
    assert.deepEqual(pageErrors(page), []);
    await page.close();
  });
});
