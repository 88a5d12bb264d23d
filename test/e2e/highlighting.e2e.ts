/**
 * Syntax colouring as a user sees it: open a file through Quick Open and compare the
 * colours Monaco gives the rendered tokens. The reference is the plain answer text after
 * `</think>`; the tag, the thought and the reflection word "Wait" must each look different.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { findToken, openFile, screenshot, waitForTokens, type Token } from '../../scripts/e2e/workbench';
import { e2e } from './fixture';

interface Picked {
  tag?: Token;
  thought?: Token;
  wait?: Token;
  waitNeighbour?: Token;
  answer?: Token;
}

const describeToken = (t: Token | undefined): string =>
  t ? `${JSON.stringify(t.text)} (line ${t.line + 1}, ${t.className}, ${t.color})` : 'not rendered';

function dump(tokens: Token[]): string {
  return tokens
    .filter((t) => t.text.trim() !== '')
    .slice(0, 60)
    .map((t) => `    L${t.line + 1} ${t.className.padEnd(10)} ${t.color.padEnd(20)} ${JSON.stringify(t.text)}`)
    .join('\n');
}

/** All four distinctions hold: used both to wait for the grammar and to assert. */
function coloured(p: Picked): boolean {
  return Boolean(
    p.tag && p.thought && p.wait && p.answer &&
      p.tag.color !== p.answer.color &&
      p.thought.color !== p.answer.color &&
      p.wait.color !== p.answer.color,
  );
}

function assertColoured(p: Picked, tokens: Token[], where: string): void {
  const context = `\n  tokens seen in ${where}:\n${dump(tokens)}`;
  assert.ok(p.answer, `the answer text was not rendered in ${where}${context}`);
  assert.ok(p.tag, `the <think> tag was not rendered in ${where}${context}`);
  assert.ok(p.thought, `the thought text was not rendered in ${where}${context}`);
  assert.ok(p.wait, `"Wait" was not rendered in ${where}${context}`);
  assert.notEqual(p.tag.color, p.answer.color, `<think> ${describeToken(p.tag)} has the colour of the answer ${describeToken(p.answer)}${context}`);
  assert.notEqual(p.thought.color, p.answer.color, `the thought ${describeToken(p.thought)} has the colour of the answer ${describeToken(p.answer)}${context}`);
  assert.notEqual(p.wait.color, p.answer.color, `"Wait" ${describeToken(p.wait)} has the colour of the answer ${describeToken(p.answer)}${context}`);
  assert.equal(p.wait.text.trim().replace(/,$/, ''), 'Wait', `"Wait" is not a token of its own: ${describeToken(p.wait)}${context}`);
  assert.ok(p.waitNeighbour, `the thought text after "Wait" was not rendered${context}`);
  assert.notEqual(
    p.wait.className,
    p.waitNeighbour.className,
    `"Wait" ${describeToken(p.wait)} looks like the thought around it ${describeToken(p.waitNeighbour)}${context}`,
  );
}

async function readPicked(page: Page, pick: (tokens: Token[]) => Picked): Promise<{ tokens: Token[]; picked: Picked }> {
  const tokens = await waitForTokens(page, (t) => coloured(pick(t)));
  return { tokens, picked: pick(tokens) };
}

describe('highlighting in the editor', function () {
  this.timeout(120_000);

  it('colours the <think> tag, the thought and "Wait" apart from the answer in a .cot file', async () => {
    const page = await e2e().openWorkspace();
    await openFile(page, 'basic.cot');
    const { tokens, picked } = await readPicked(page, (t) => {
      const wait = t.find((x) => x.line === 3 && x.text.includes('Wait'));
      return {
        tag: t.find((x) => x.line === 0 && x.text.includes('think')),
        thought: t.find((x) => x.line === 1 && x.text.includes('compute')),
        wait,
        waitNeighbour: wait && t.find((x) => x.line === 3 && x.text.includes('simply')),
        answer: t.find((x) => x.line === 5 && x.text.includes('answer')),
      };
    });
    await screenshot(page, 'highlighting-basic-cot');
    assertColoured(picked, tokens, 'basic.cot');

    const mode = await page.locator('[id="status.editor.mode"]').first().innerText();
    assert.match(mode, /CoT Trace/, `the status bar shows language "${mode}" for basic.cot`);
  });

  it('colours the trace inside a JSONL string value the same way', async () => {
    const page = await e2e().openWorkspace();
    await openFile(page, 'basic.jsonl');
    const { tokens, picked } = await readPicked(page, (t) => {
      const first = t.filter((x) => x.line === 0);
      const wait = findToken(first, 'Wait');
      return {
        tag: findToken(first, 'think'),
        thought: findToken(first, 'compute'),
        wait,
        waitNeighbour: wait && findToken(first, 'simply', wait),
        answer: findToken(first, 'answer'),
      };
    });
    await screenshot(page, 'highlighting-basic-jsonl');
    assertColoured(picked, tokens, 'basic.jsonl');
  });

  it('colours the trace in a real dataset (topology_math500_deepseek_r1.jsonl)', async () => {
    const page = await e2e().openWorkspace();
    await openFile(page, 'datasets/topology_math500_deepseek_r1.jsonl');
    const pick = (t: Token[]): { tag?: Token; problem?: Token } => {
      const first = t.filter((x) => x.line === 0);
      return { problem: findToken(first, 'Convert the point'), tag: findToken(first, 'think') };
    };
    const tokens = await waitForTokens(page, (t) => {
      const p = pick(t);
      return Boolean(p.tag && p.problem && p.tag.color !== p.problem.color);
    });
    await screenshot(page, 'highlighting-dataset-jsonl');
    const { tag, problem } = pick(tokens);
    const context = `\n  tokens seen:\n${dump(tokens.filter((t) => t.line === 0))}`;
    assert.ok(problem, `the first record's problem text was not rendered${context}`);
    assert.ok(tag, `the <think> tag of the first record was not rendered${context}`);
    assert.notEqual(tag.color, problem.color, `<think> ${describeToken(tag)} looks like a plain string ${describeToken(problem)}${context}`);
  });
});
