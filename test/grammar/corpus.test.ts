import { strict as assert } from 'node:assert';
import { corpusDatasets, readCorpus } from '../corpus';
import { INITIAL, type IGrammar, type StateStack } from 'vscode-textmate';
import { createHarness } from './harness';

/** VS Code leaves longer lines untokenized (editor.maxTokenizationLineLength). */
const MAX_LINE = 20_000;

interface Outcome {
  lines: number;
  tokens: number;
  skippedLong: number;
  stoppedEarly: number;
  /** Records (JSONL lines) whose tokenization did not return to the top of the grammar. */
  leaked: number[];
  found: Set<string>;
}

function run(grammar: IGrammar, text: string, perLineRecord: boolean): Outcome {
  const out: Outcome = { lines: 0, tokens: 0, skippedLong: 0, stoppedEarly: 0, leaked: [], found: new Set() };
  let stack: StateStack = INITIAL;
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line && perLineRecord) return;
    out.lines++;
    if (line.length > MAX_LINE) {
      // Not tokenized by the editor; still must not throw.
      out.skippedLong++;
      const r = grammar.tokenizeLine(line, stack, 500);
      if (r.stoppedEarly) out.stoppedEarly++;
      return;
    }
    const r = grammar.tokenizeLine(line, stack);
    out.tokens += r.tokens.length;
    for (const t of r.tokens) for (const s of t.scopes) if (s.endsWith('.cot-trace')) out.found.add(s);
    if (perLineRecord) {
      if (r.ruleStack.depth !== 1) out.leaked.push(i + 1);
    } else {
      stack = r.ruleStack;
    }
  });
  return out;
}

describe('tokenizing the real datasets', function () {
  this.timeout(300_000);
  let jsonl: IGrammar;
  let json: IGrammar;

  before(async function () {
    const h = await createHarness();
    jsonl = await h.grammar('source.json.lines');
    json = await h.grammar('source.json');
  });

  it('finds the datasets', () => {
    const files = corpusDatasets();
    assert.deepEqual(files, Object.keys(expectations).sort(), 'the datasets in test/fixtures/corpus');
  });

  const expectations: Record<string, string[]> = {
    'minimind_r1_data_toy.jsonl': ['entity.name.tag.think.cot-trace', 'meta.block.answer.content.cot-trace', 'keyword.control.self-correction.cot-trace'],
    'topology_math500_deepseek_r1.jsonl': ['comment.block.thought.cot-trace', 'support.function.boxed.cot-trace', 'keyword.control.self-correction.cot-trace'],
    'topology_math500_r1distill_qwen7b.jsonl': ['meta.block.think.prefilled.cot-trace', 'support.function.boxed.cot-trace'],
    'skythought_sky-t1-14b-wrong5k_aime24.head12.jsonl': ['entity.name.tag.thought.cot-trace', 'markup.math.inline.cot-trace'],
    'r1v_geoqa_qwen2vl7b_instruct.json': ['entity.name.tag.think.cot-trace', 'meta.block.answer.content.cot-trace', 'comment.block.thought.cot-trace'],
  };

  for (const [file, scopes] of Object.entries(expectations)) {
    it(`${file}: no error, every record closes, trace scopes present`, function () {
      const isLines = file.endsWith('.jsonl');
      const started = process.hrtime.bigint();
      const out = run(isLines ? jsonl : json, readCorpus(file), isLines);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(out.lines > 0);
      assert.deepEqual(out.leaked, [], `records not closed: ${out.leaked.join(', ')}`);
      for (const s of scopes) assert.ok(out.found.has(s), `${file}: no token scoped ${s}`);
      console.log(
        `      ${out.lines} lines, ${out.tokens} tokens, ${out.skippedLong} over ${MAX_LINE} chars ` +
          `(${out.stoppedEarly} hit the time limit), ${ms.toFixed(0)} ms`,
      );
    });
  }

  it('the JSON file ends back at the top of the grammar', () => {
    let stack: StateStack = INITIAL;
    for (const line of readCorpus('r1v_geoqa_qwen2vl7b_instruct.json').split(/\r?\n/)) {
      stack = json.tokenizeLine(line, stack).ruleStack;
    }
    assert.equal(stack.depth, 1);
  });
});
