import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildApp, DEFAULT_LIMITS } from '../../../src/serve/app';
import { ScorePool, TimeoutError } from '../../../src/serve/pool';
import { Scorer } from '../../../src/serve/scorer';
import { resolveConfig } from '../../../src/core/config/resolve';
import { splitQuery, stripTrailingTokens } from '../../../src/core/trace/query';

const STUB = join(__dirname, '../../fixtures/serve/stub-worker.js');
const bytes = (text: string) => new TextEncoder().encode(text);

describe('splitQuery (OpenRLHF queries back into responses)', () => {
  const prompt = '<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n';
  const response = '<think>\nfour\n</think>\n\\boxed{4}';

  it('takes the prompt off the front and EOS / padding off the end', () => {
    assert.deepEqual(splitQuery(prompt + response + '<|im_end|>\n<|endoftext|><|endoftext|>', prompt), { response, how: 'prefix' });
  });
  it('drops left padding and BOS before matching', () => {
    assert.equal(splitQuery('<|endoftext|><|endoftext|>' + prompt + response + '<|im_end|>', prompt).response, response);
    const ds = '<｜begin▁of▁sentence｜><｜User｜>q<｜Assistant｜><think>\n';
    assert.equal(splitQuery(ds + 'thought</think>a<｜end▁of▁sentence｜>', ds.slice('<｜begin▁of▁sentence｜>'.length)).response, 'thought</think>a');
  });
  it('without a prompt, starts after the last assistant opener; else takes the whole query', () => {
    assert.deepEqual(splitQuery('<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n' + response + '<|im_end|>'), { response, how: 'opener' });
    assert.deepEqual(splitQuery(response + '</s>', 'a prompt not in it'), { response, how: 'whole' });
  });
  it("keeps the response's own trailing text and whitespace", () => {
    assert.equal(stripTrailingTokens('answer\n'), 'answer\n');
    assert.equal(stripTrailingTokens('answer\n<|im_end|>\n'), 'answer\n');
    assert.equal(stripTrailingTokens('a </s> b'), 'a </s> b');
  });
});

describe('ScorePool (worker threads that are replaced)', () => {
  const config = resolveConfig();

  it('a job over the time cap fails with TimeoutError; the replaced worker serves the next job', async () => {
    const pool = new ScorePool(1, STUB);
    try {
      await assert.rejects(pool.run(bytes('SLOW'), 'score', config, 200), TimeoutError);
      const next = await pool.run(bytes('fine'), 'score', config, 5000);
      assert.equal(next.records, 1);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies fails its job and is replaced', async () => {
    const pool = new ScorePool(1, STUB);
    try {
      await assert.rejects(pool.run(bytes('EXIT'), 'score', config, 0), /exit 3/);
      assert.equal((await pool.run(bytes('fine'), 'score', config, 0)).records, 1);
    } finally {
      await pool.close();
    }
  });

  it('the HTTP layer answers a timed-out request with 503 and {"error"}', async () => {
    const scorer = new Scorer({}, 1, 200, STUB);
    const app = buildApp(scorer, DEFAULT_LIMITS);
    try {
      const slow = await app.inject({ method: 'POST', url: '/score', payload: { completions: ['SLOW'] } });
      assert.equal(slow.statusCode, 503);
      assert.match(slow.json().error, /longer than 200 ms/);
      const next = await app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(next.statusCode, 200);
    } finally {
      await app.close();
      await scorer.close();
    }
  });
});

describe('reward server over inject (scoring on the calling thread)', () => {
  const scorer = new Scorer({}, 0, 0);
  const app = buildApp(scorer, { ...DEFAULT_LIMITS, batch: 3 });
  after(() => app.close());

  it('get_reward answers the protocol with one entry per reward name', async () => {
    const res = await app.inject({ method: 'POST', url: '/get_reward', payload: { query: ['q<think>\nok\n</think>\n\\boxed{2}<|im_end|>'], prompts: ['q'], labels: [2] } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(body.rewards, [3]);
    assert.deepEqual(body.scores, [1]);
    assert.deepEqual(Object.keys(body.extra_logs).sort(), ['accuracy', 'format', 'language', 'overlong', 'reasoning_steps', 'repetition', 'tag_count']);
  });

  it('types are not coerced: a string where a list belongs is a 400', async () => {
    for (const payload of [{ query: 'a' }, { query: [1] }, { query: ['a', 'b', 'c', 'd'] }, { completions: ['a'], findings: 'yes' }]) {
      const url = 'query' in payload ? '/get_reward' : '/score';
      const res = await app.inject({ method: 'POST', url, payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(typeof res.json().error, 'string');
    }
  });
});
