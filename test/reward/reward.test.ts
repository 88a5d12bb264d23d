import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../corpus';
import { build, cliPath, cliScore, post, queryCases, records, startServer, writeJsonl, type RecordRow, type Server } from './harness';

const PYTHON = '/usr/bin/python3';
const NAMES = ['format', 'tag_count', 'language', 'accuracy', 'reasoning_steps', 'repetition', 'overlong'];

describe('cot-trace serve (a live server on loopback)', () => {
  let server: Server;
  let rows: RecordRow[];
  let recordsFile: string;
  let queriesFile: string;
  let queryRecordsFile: string;
  let cases: ReturnType<typeof queryCases>['cases'];

  before(async () => {
    build();
    rows = records();
    recordsFile = writeJsonl('records.jsonl', rows);
    const q = queryCases(rows);
    cases = q.cases;
    queriesFile = writeJsonl('queries.jsonl', q.cases, dirname(recordsFile));
    queryRecordsFile = writeJsonl('query-records.jsonl', q.records, dirname(recordsFile));
    // Started in the temporary folder: no .cot-trace.json of the checkout is picked up.
    server = await startServer(['--workers', '2'], dirname(recordsFile));
  });

  after(async () => {
    await server?.stop();
  });

  it('POST /get_reward (OpenRLHF): rewards equal the total of `cot-trace score` on the same prompt, response and label', async () => {
    const expected = cliScore(queryRecordsFile);
    assert.equal(expected.length, cases.length);
    const { status, json } = await post(`${server.url}/get_reward`, { query: cases.map((c) => c.query), prompts: cases.map((c) => c.prompt), labels: cases.map((c) => c.label) });
    assert.equal(status, 200, JSON.stringify(json));
    assert.deepEqual(Object.keys(json).sort(), ['extra_logs', 'rewards', 'scores']);
    assert.deepEqual(json.rewards, expected.map((e) => e.total));
    const extra = json.extra_logs as Record<string, number[]>;
    assert.deepEqual(Object.keys(extra).sort(), [...NAMES].sort());
    for (const name of NAMES) assert.deepEqual(extra[name], expected.map((e) => e.rewards[name] ?? 0), name);
    const scores = json.scores as number[];
    assert.ok(scores.every((s) => s >= 0 && s <= 1));
    // The accuracy drives the score where it applies; both right and wrong answers are in the set.
    expected.forEach((e, i) => {
      if (e.rewards.accuracy !== null) assert.equal(scores[i], e.rewards.accuracy);
    });
    assert.ok(new Set(expected.map((e) => e.rewards.accuracy)).has(0) && new Set(expected.map((e) => e.rewards.accuracy)).has(1));
  });

  it('POST /get_reward gives the same numbers whatever the batch (one query at a time, as the trainer sends them)', async () => {
    const expected = cliScore(queryRecordsFile);
    for (const i of [0, 21, cases.length - 1]) {
      const { json } = await post(`${server.url}/get_reward`, { query: [cases[i].query], prompts: [cases[i].prompt], labels: [cases[i].label] });
      assert.deepEqual(json.rewards, [expected[i].total]);
    }
  });

  it('POST /score: every reward and the total, as `cot-trace score` prints them; weights and preset as its flags', async () => {
    const body = { completions: rows.map((r) => r.completion), prompts: rows.map((r) => r.prompt ?? null), ground_truths: rows.map((r) => r.ground_truth ?? null) };
    const plain = await post(`${server.url}/score`, body);
    assert.equal(plain.status, 200);
    const results = plain.json.results as Array<{ rewards: Record<string, number | null>; total: number }>;
    const expected = cliScore(recordsFile);
    assert.deepEqual(
      results.map((r) => [r.rewards, r.total]),
      expected.map((e) => [e.rewards, e.total]),
    );
    const weighted = await post(`${server.url}/score`, { ...body, preset: 'open-r1', weights: { accuracy: 2, tag_count: 0.25 } });
    const flags = cliScore(recordsFile, '--preset', 'open-r1', '--weights', 'accuracy=2,tag_count=0.25');
    assert.deepEqual(
      (weighted.json.results as Array<{ total: number; rewards: unknown }>).map((r) => [r.rewards, r.total]),
      flags.map((e) => [e.rewards, e.total]),
    );
    assert.notDeepEqual(
      flags.map((e) => e.total),
      expected.map((e) => e.total),
    );
  });

  it('bad requests get a 4xx with {"error"} and the server keeps serving', async () => {
    const url = `${server.url}/get_reward`;
    const bad: Array<[string, Parameters<typeof post>[1], Record<string, string> | undefined, number]> = [
      ['not JSON', '{"query": [', undefined, 400],
      ['empty body', '', undefined, 400],
      ['no query', { prompts: [] }, undefined, 400],
      ['query not a list', { query: 'text' }, undefined, 400],
      ['a number in query', { query: [1] }, undefined, 400],
      ['length mismatch', { query: ['a', 'b'], prompts: ['a'] }, undefined, 400],
      ['labels of another type', { query: ['a'], labels: [{ x: 1 }] }, undefined, 400],
      ['not JSON content', 'query=a', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ];
    for (const [what, body, headers, status] of bad) {
      const answer = await post(url, body, headers);
      assert.equal(answer.status, status, what);
      assert.equal(typeof answer.json.error, 'string', what);
      assert.ok((answer.json.error as string).length > 0, what);
    }
    const unknownWeight = await post(`${server.url}/score`, { completions: ['x'], weights: { nope: 1 } });
    assert.equal(unknownWeight.status, 400);
    assert.match(unknownWeight.json.error as string, /nope/);
    const missing = await fetch(`${server.url}/nowhere`);
    assert.equal(missing.status, 404);
    assert.equal((await (await fetch(`${server.url}/healthz`)).json()).status, 'ok');
    const good = await post(url, { query: ['<think>\nok\n</think>\n\\boxed{1}'], labels: ['1'] });
    assert.equal(good.status, 200);
    assert.deepEqual(good.json.rewards, [3]);
  });

  it('POST /advantages: groups of rewards with a preset (TRL, verl, Dr. GRPO, OpenRLHF)', async () => {
    const answer = async (body: unknown) => (await post(`${server.url}/advantages`, body)).json;
    const trl = await answer({ groups: [[1, 0, 0, 0]], preset: 'trl' });
    assert.ok(Math.abs((trl.advantages as number[][])[0][0] - 0.75 / (0.5 + 1e-4)) < 1e-12);
    const openrlhf = await answer({ rewards: [1, 0, 0, 0, 3, 3], group_size: 2, preset: 'openrlhf' });
    assert.equal((openrlhf.options as { epsilon: number }).epsilon, 1e-9);
    assert.equal((openrlhf.advantages as number[]).length, 6);
    assert.deepEqual((openrlhf.advantages as number[]).slice(4), [0, 0]);
    const dr = await answer({ groups: [[1, 0]], preset: 'dr-grpo' });
    assert.deepEqual(dr.advantages, [[0.5, -0.5]]);
    const verl = await answer({ groups: [[2]], preset: 'verl' });
    assert.ok(Math.abs((verl.advantages as number[][])[0][0] - 2 / (1 + 1e-6)) < 1e-12);
    assert.equal((await post(`${server.url}/advantages`, { rewards: [1, 2, 3], group_size: 2 })).status, 400);
    assert.equal((await post(`${server.url}/advantages`, { groups: [[1]], preset: 'nope' })).status, 400);
  });

  it('GET /metrics: Prometheus text with requests, latency, batch sizes and the mean of each reward', async () => {
    const response = await fetch(`${server.url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await response.text();
    assert.match(text, /^cot_trace_requests_total\{route="\/get_reward",status="200"\} \d+$/m);
    assert.match(text, /^cot_trace_requests_total\{route="\/get_reward",status="400"\} \d+$/m);
    assert.match(text, /^cot_trace_request_duration_seconds_bucket\{le="0\.1",route="\/score"\} \d+$/m);
    assert.match(text, /^cot_trace_batch_size_count\{route="\/get_reward"\} \d+$/m);
    for (const name of ['format', 'language', 'accuracy', 'total']) assert.match(text, new RegExp(`^cot_trace_reward_mean\\{name="${name}"\\} [0-9.e-]+$`, 'm'));
  });

  it('the Python adapters (TRL, verl, client, Dask on a LocalCluster) pass against this server with Debian python3', function () {
    assert.ok(existsSync(PYTHON), `${PYTHON} is missing: install Debian's python3 (scripts/provision.sh does)`);
    const run = spawnSync(PYTHON, ['-m', 'unittest', 'discover', '-s', 'python/tests', '-t', 'python', '-v'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 280_000,
      env: {
        ...process.env,
        PYTHONPATH: join(repoRoot, 'python'),
        PYTHONDONTWRITEBYTECODE: '1',
        COT_TRACE_URL: server.url,
        COT_TRACE_CLI: JSON.stringify([process.execPath, cliPath]),
        COT_TRACE_RECORDS: recordsFile,
        COT_TRACE_QUERIES: queriesFile,
        COT_TRACE_QUERY_RECORDS: queryRecordsFile,
      },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.error, undefined, `python3 could not run: ${run.error?.message}`);
    assert.equal(run.status, 0, output);
    const ran = /^Ran (\d+) tests? in/m.exec(output);
    assert.ok(ran, output);
    assert.ok(Number(ran[1]) >= 15, `only ${ran[1]} Python tests ran:\n${output}`);
    assert.doesNotMatch(output, /skipped/i, output);
    process.stdout.write(`      (python: ${ran[1]} tests passed)\n`);
  });
});

describe('cot-trace serve limits and shutdown', () => {
  before(() => build());

  it('a batch or body over the caps is a 4xx; the server stays healthy', async () => {
    const server = await startServer(['--workers', '1', '--max-batch', '4', '--max-body-mb', '1']);
    try {
      const many = await post(`${server.url}/get_reward`, { query: ['a', 'b', 'c', 'd', 'e'] });
      assert.equal(many.status, 400);
      assert.match(many.json.error as string, /4/);
      const big = await post(`${server.url}/get_reward`, { query: ['x'.repeat(2 * 1024 * 1024)] });
      assert.equal(big.status, 413);
      assert.equal(typeof big.json.error, 'string');
      const fine = await post(`${server.url}/get_reward`, { query: ['a', 'b', 'c', 'd'] });
      assert.equal(fine.status, 200);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  it('SIGTERM: the request in flight is answered, then the server exits 0', async () => {
    const server = await startServer(['--workers', '1']);
    // A second or so of scoring, so the signal comes while it runs.
    const completions = Array.from({ length: 5 }, () => records().map((r) => r.completion)).flat();
    const inFlight = post(`${server.url}/score`, { completions });
    await new Promise((r) => setTimeout(r, 100));
    server.process.kill('SIGTERM');
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    assert.equal((answer.json.results as unknown[]).length, completions.length);
    assert.equal(await server.exited, 0);
    assert.match(server.stderr(), /SIGTERM/);
  });
});
