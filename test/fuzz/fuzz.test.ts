/**
 * Fuzz suite (`npm run test:fuzz`): mutated real records through the core lint and score
 * paths in-process, the built CLI and the language server over stdio. Seeded: the seed is
 * printed, and FUZZ_SEED=<seed> replays a run; a failure prints the record that failed.
 * Asserts no exception or stack trace, every location inside its text, no location between
 * the halves of a surrogate pair.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../../src/core/config/resolve';
import { forEachJsonlRecordInBytes, readDocument } from '../../src/core/documents';
import { checkRecord } from '../../src/core/engine';
import type { Finding, RecordInput } from '../../src/core/types';
import { open, pullDiagnostics, startClient } from '../server/lsp';
import { mutate, prng, SEED, seedRecords, splitsPair } from './mutate';

const repoRoot = resolve(__dirname, '../..');
/** Mutated records run in-process (each also read as bytes). */
const CORE_RECORDS = Number(process.env.FUZZ_RECORDS ?? 20_000);

console.log(`fuzz seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
const seeds = seedRecords();
const rand = prng(SEED);
const mutated = (): string => {
  let line = seeds[Math.floor(rand() * seeds.length)];
  for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) line = mutate(line, rand);
  return line;
};

const show = (text: string) => JSON.stringify(text.length > 2000 ? text.slice(0, 1000) + ' … ' + text.slice(-1000) : text);

/** Checks every span of a result against the text it points into. */
function checkSpans(text: string, findings: readonly Finding[], where: string): void {
  for (const f of findings) {
    const spans = [f.span, ...(f.fixes ?? []).flatMap((fix) => fix.edits.map((e) => e.span))];
    for (const s of spans) {
      assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length, `${where}: ${f.ruleId} span ${s.start}-${s.end} outside 0-${text.length}`);
      assert.ok(!splitsPair(text, s.start) && !splitsPair(text, s.end), `${where}: ${f.ruleId} span ${s.start}-${s.end} splits a surrogate pair`);
    }
  }
}

describe(`fuzz (seed ${SEED})`, function () {
  this.timeout(120_000);
  const config = resolveConfig({});
  let records = 0;

  after(() => console.log(`fuzz: ${records} mutated records`));

  it(`core: ${CORE_RECORDS} mutated records linted and scored in-process, also read from their bytes`, () => {
    for (let n = 0; n < CORE_RECORDS; n++) {
      const line = mutated();
      try {
        const text = line.replace(/\n/g, ' ');
        for (const record of readDocument(text, 'fuzz.jsonl')) {
          const result = record.traces.length ? checkRecord(record, config) : { findings: record.problems };
          checkSpans(text, result.findings, 'lint+score');
        }
        const bytes = Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xff, 0x0a])]);
        const read: RecordInput[] = [];
        forEachJsonlRecordInBytes(bytes, {}, (r) => read.push(r));
        for (const record of read) if (record.traces.length) checkRecord(record, config, { rewards: false });
        records++;
      } catch (error) {
        assert.fail(`record ${n} (seed ${SEED}) failed: ${(error as Error).stack}\nrecord: ${show(line)}`);
      }
    }
  });

  it('JSON documents and .cot files made of mutated records', () => {
    for (let n = 0; n < 200; n++) {
      const lines = Array.from({ length: 5 }, mutated);
      const json = rand() < 0.5 ? `[${lines.join(',\n')}]` : lines.join('\n');
      const cot = lines.map((l) => `User: q\nAssistant: ${l}`).join('\n');
      for (const [text, name] of [[json, 'fuzz.json'], [cot, 'fuzz.cot']] as const) {
        try {
          for (const record of readDocument(text, name)) checkSpans(text, record.traces.length ? checkRecord(record, config).findings : record.problems, name);
          records += lines.length;
        } catch (error) {
          assert.fail(`${name} ${n} (seed ${SEED}) failed: ${(error as Error).stack}\ndocument: ${show(text)}`);
        }
      }
    }
  });

  describe('the built CLI', () => {
    let dir: string;
    const files: string[] = [];
    before(() => {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' });
      dir = mkdtempSync(join(tmpdir(), 'cot-fuzz-'));
      for (let k = 0; k < 3; k++) {
        const lines = Array.from({ length: 300 }, () => mutated().replace(/\n/g, ' '));
        const file = join(dir, `fuzz${k}.jsonl`);
        writeFileSync(file, lines.join(k === 1 ? '\r\n' : '\n') + '\n');
        files.push(file);
        records += lines.length;
      }
      const json = join(dir, 'fuzz.json');
      writeFileSync(json, `[${Array.from({ length: 50 }, mutated).join(',')}]`);
      files.push(json);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    for (const command of ['lint', 'score', 'filter']) {
      it(`${command}: no crash, no stack trace, every location inside its line`, () => {
        const args = command === 'lint' ? ['lint', '--format', 'json', ...files] : command === 'score' ? ['score', files[1]] : ['filter', '--min-reward', '0', files[0]];
        const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
        const context = `cot-trace ${args.join(' ')} (seed ${SEED})`;
        assert.ok(run.status === 0 || run.status === 1, `${context}: exit ${run.status}\n${run.stderr.slice(0, 2000)}`);
        assert.doesNotMatch(run.stderr, /\n\s+at |RangeError|TypeError|call stack/, context);
        if (command !== 'lint') return;
        // Lines as editors count them (and the CLI, like the server): ended by \n, \r\n or a lone \r.
        const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8').split(/\r\n|\r|\n/)]));
        for (const out of run.stdout.split('\n')) {
          if (!out) continue;
          const f = JSON.parse(out) as { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string };
          const lines = texts.get(f.file)!;
          if (f.file.endsWith('.json')) continue;
          const text = lines[f.line - 1];
          assert.ok(text !== undefined && f.column >= 1 && f.column - 1 <= text.length, `${context}: ${out}`);
          if (f.endLine === f.line) assert.ok(f.endColumn - 1 <= text.length && !splitsPair(text, f.column - 1) && !splitsPair(text, f.endColumn - 1), `${context}: ${out}\nline: ${show(text)}`);
        }
      });
    }
  });

  it('the language server over stdio: mutated documents opened and edited', async () => {
    const client = await startClient();
    try {
      for (let d = 0; d < 4; d++) {
        const lines = Array.from({ length: 150 }, () => mutated().replace(/\n/g, rand() < 0.5 ? '\r' : ' '));
        let text = lines.join(d % 2 ? '\r\n' : '\n');
        const uri = `file:///tmp/fuzz-${d}.jsonl`;
        await open(client, uri, 'jsonl', text);
        for (let round = 0; round < 3; round++) {
          const report = await pullDiagnostics(client, uri);
          const editorLines = text.split(/\r\n|\r|\n/);
          for (const diag of report.items ?? []) {
            const { start, end } = diag.range;
            const where = `${uri} (seed ${SEED}) ${diag.code} ${JSON.stringify(diag.range)}`;
            assert.ok(start.line < editorLines.length && end.line < editorLines.length, where);
            assert.ok(start.character <= editorLines[start.line].length && end.character <= editorLines[end.line].length, where);
            assert.ok(!splitsPair(editorLines[start.line], start.character) && !splitsPair(editorLines[end.line], end.character), `${where}\nline: ${show(editorLines[start.line])}`);
          }
          // An edit: one line replaced by another mutated record.
          const at = Math.floor(rand() * editorLines.length);
          const replacement = mutated().replace(/[\r\n]/g, ' ');
          await client.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: round + 2 },
            contentChanges: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: editorLines[at].length } }, text: replacement }],
          });
          editorLines[at] = replacement;
          // Rebuild the text with the same line ends.
          const ends = text.match(/\r\n|\r|\n/g) ?? [];
          text = editorLines.map((l, i) => l + (ends[i] ?? '')).join('');
        }
        records += lines.length;
      }
      assert.equal(client.process.exitCode, null, 'the server is still running');
    } finally {
      await client.stop();
    }
  });
});
