/**
 * What the reward suite needs around the real thing: the built CLI, a `cot-trace serve` on a free
 * loopback port, records made from the corpus, and `cot-trace score` to compare with.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCorpus, repoRoot } from '../corpus';

export const cliPath = join(repoRoot, 'dist', 'cli.js');

/** Builds dist/ once per run, so the suite never tests a stale bundle. */
export function build(): void {
  const run = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
}

export interface Server {
  url: string;
  process: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts `cot-trace serve --port 0` and resolves once it says where it listens. */
export function startServer(args: string[] = [], cwd = repoRoot): Promise<Server> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--host', '127.0.0.1', '--port', '0', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cot-trace serve did not start within 30 s:\n${err}`));
    }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          process: child,
          stderr: () => err,
          exited,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cot-trace serve exited (${code}) before listening:\n${err}`));
    });
  });
}

export interface ScoreRow {
  record: number;
  line: number;
  rewards: Record<string, number | null>;
  total: number;
}

/** `cot-trace score FILE` (its rows in order). */
export function cliScore(file: string, ...args: string[]): ScoreRow[] {
  const run = spawnSync(process.execPath, [cliPath, 'score', file, '--quiet', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`cot-trace score failed (${run.status}): ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ScoreRow);
}

export interface RecordRow {
  prompt?: string;
  completion: string;
  ground_truth?: string;
}

/**
 * Records from the corpus (real DeepSeek-R1 and R1-Distill-Qwen-7B outputs to MATH-500, the latter
 * with the opening <think> written by the chat template) and a few made here for what the corpus
 * lacks: a mixed-language thought, no thought, a right and a wrong short answer, no ground truth,
 * no prompt.
 */
export function records(): RecordRow[] {
  const out: RecordRow[] = [];
  for (const name of ['topology_math500_deepseek_r1.jsonl', 'topology_math500_r1distill_qwen7b.jsonl']) {
    for (const line of readCorpus(name).split('\n').filter(Boolean)) {
      const r = JSON.parse(line) as { problem: string; full_response: string; ground_truth: string };
      out.push({ prompt: r.problem, completion: r.full_response, ground_truth: r.ground_truth });
    }
  }
  out.push(
    { prompt: 'What is 6 times 7?', completion: '<think>\nSix sevens are 42. 等等，让我再检查一下。Yes, 42.\n</think>\nThe answer is \\boxed{42}.', ground_truth: '42' },
    { prompt: 'What is 6 times 7?', completion: 'The answer is 42.', ground_truth: '42' },
    { prompt: 'What is 2 + 2?', completion: '<think>\n2 and 2 make 4.\n</think>\n\\boxed{4}', ground_truth: '4' },
    { prompt: 'What is 2 + 2?', completion: '<think>\n2 and 2 make 5.\n</think>\n\\boxed{5}', ground_truth: '4' },
    { prompt: 'Say something.', completion: '<think>\nAnything will do.\n</think>\nSomething.' },
    { completion: '<think>\nNo prompt here.\n</think>\n\\boxed{1}', ground_truth: '1' },
  );
  return out;
}

const QWEN = (user: string) => `<|im_start|>system\nPlease reason step by step.<|im_end|>\n<|im_start|>user\n${user}<|im_end|>\n<|im_start|>assistant\n`;
const DEEPSEEK = (user: string) => `<｜begin▁of▁sentence｜><｜User｜>${user}<｜Assistant｜><think>\n`;

export interface QueryCase {
  query: string;
  prompt: string | null;
  label: string | null;
}

/**
 * OpenRLHF-shaped cases: the query is the templated prompt, the response, then EOS and padding,
 * decoded with special tokens kept. Alongside, the records `cot-trace score` must give the same
 * numbers for (the templated prompt, the bare response, the label).
 */
export function queryCases(rows: RecordRow[]): { cases: QueryCase[]; records: RecordRow[] } {
  const cases: QueryCase[] = [];
  const out: RecordRow[] = [];
  rows.forEach((row, i) => {
    const label = row.ground_truth ?? null;
    if (row.prompt === undefined) {
      // No prompt sent: the response is found after the assistant opener.
      cases.push({ query: QWEN('hidden') + row.completion + '<|im_end|>', prompt: null, label });
      out.push({ completion: row.completion, ...(label !== null ? { ground_truth: label } : {}) });
      return;
    }
    const prefilled = row.completion.startsWith('<think>') ? undefined : DEEPSEEK(row.prompt);
    const prompt = prefilled ?? QWEN(row.prompt);
    const eos = prefilled ? '<｜end▁of▁sentence｜>' : i % 2 ? '<|im_end|>' : '<|im_end|>\n<|endoftext|><|endoftext|><|endoftext|>';
    // Left padding and a BOS in the query but not in the prompt, as a tokenizer round trip gives.
    const lead = i % 3 === 0 && !prefilled ? '<|endoftext|><|endoftext|>' : '';
    cases.push({ query: lead + prompt + row.completion + eos, prompt, label });
    out.push({ prompt, completion: row.completion, ...(label !== null ? { ground_truth: label } : {}) });
  });
  return { cases, records: out };
}

/** Writes rows as JSON Lines in a fresh temporary folder; returns the file. */
export function writeJsonl(name: string, rows: unknown[], dir = mkdtempSync(join(tmpdir(), 'cot-trace-reward-'))): string {
  const file = join(dir, name);
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { raw: text };
  }
  return { status: response.status, json };
}
