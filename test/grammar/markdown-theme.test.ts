import { strict as assert } from 'node:assert';
import { createHarness, LANGUAGE_IDS, loadTheme, scopesAt, styleAt, tokenize } from './harness';

describe('```cot fenced blocks in Markdown', () => {
  const doc = [
    '# Notes',
    '',
    '```cot',
    'User: 2 + 2?',
    'Assistant: <think>',
    'Wait, that is 4.',
    '</think>',
    '```',
    '',
    '```think',
    '<think>x</think>',
    '```',
    '',
    '```python',
    '# <think> stays python',
    '```',
    '',
    'Plain <think> paragraph',
  ].join('\n');

  it('embeds the cot-trace grammar in ```cot and ```think blocks', async () => {
    const h = await createHarness();
    const t = tokenize(await h.grammar('text.html.markdown'), doc);
    const fence = scopesAt(t, '```cot');
    assert.ok(fence.scopes.includes('markup.fenced_code.block.markdown'));
    assert.ok(scopesAt(t, 'cot').scopes.includes('fenced_code.block.language.markdown'));
    const user = scopesAt(t, 'User').scopes;
    assert.ok(user.includes('meta.embedded.block.cot-trace'), user.join(' '));
    assert.ok(user.includes('markup.heading.role.user.cot-trace'), user.join(' '));
    assert.ok(scopesAt(t, 'Wait').scopes.includes('keyword.control.self-correction.cot-trace'));
    assert.ok(scopesAt(t, 'x</think>').scopes.includes('comment.block.thought.cot-trace'));
  });

  it('leaves other fenced blocks and paragraphs to Markdown', async () => {
    const h = await createHarness();
    const t = tokenize(await h.grammar('text.html.markdown'), doc);
    assert.ok(!scopesAt(t, '# <think>').scopes.some((s) => s.endsWith('.cot-trace')));
    assert.ok(!scopesAt(t, 'Plain').scopes.some((s) => s.endsWith('.cot-trace')));
    assert.ok(!scopesAt(t, '# Notes').scopes.some((s) => s.endsWith('.cot-trace')));
  });

  it('reports the cot-trace language inside the block (embeddedLanguages)', async () => {
    const h = await createHarness();
    const g = await h.grammar('text.html.markdown');
    let stack = null;
    let languageInside = -1;
    for (const line of doc.split('\n').slice(0, 5)) {
      const r = g.tokenizeLine2(line, stack);
      if (line.startsWith('Assistant')) languageInside = r.tokens[1] & 0xff;
      stack = r.ruleStack;
    }
    assert.equal(languageInside, LANGUAGE_IDS['cot-trace']);
  });
});

for (const theme of ['dark_plus.json', 'light_plus.json'] as const) {
  describe(`colours in ${theme.replace('_plus.json', '+')}`, () => {
    it('thought text differs from answer text in a .cot file', async () => {
      const h = await createHarness(loadTheme(theme));
      const g = await h.grammar('source.cot-trace');
      const line = '<think>thinking here</think>answer here';
      const thought = styleAt(h, g, line, 'thinking');
      const answer = styleAt(h, g, line, 'answer here');
      assert.notEqual(thought.foreground, answer.foreground);
      // Coloured like a comment, yet treated as ordinary text (brackets, suggestions).
      assert.equal(thought.tokenType, 0);
      assert.notEqual(styleAt(h, g, line, 'think>').foreground, answer.foreground);
    });

    it('self-correction words, boxed answers and math stand out inside thoughts', async () => {
      const h = await createHarness(loadTheme(theme));
      const g = await h.grammar('source.cot-trace');
      const line = '<think>So. Wait, \\boxed{7} and $x = 2$</think>';
      const thought = styleAt(h, g, line, 'So.').foreground;
      assert.notEqual(styleAt(h, g, line, 'Wait').foreground, thought);
      assert.notEqual(styleAt(h, g, line, '\\boxed').foreground, thought);
      assert.notEqual(styleAt(h, g, line, '2$').foreground, thought);
    });

    it('thought text differs from answer text inside a JSON Lines string', async () => {
      const h = await createHarness(loadTheme(theme));
      const g = await h.grammar('source.json.lines');
      const line = '{"out": "<think>thinking here</think>answer here"}';
      assert.notEqual(styleAt(h, g, line, 'thinking').foreground, styleAt(h, g, line, 'answer here').foreground);
      assert.notEqual(styleAt(h, g, line, 'think>').foreground, styleAt(h, g, line, 'answer here').foreground);
    });
  });
}
