/**
 * A model-based property test of the review sidecar and `cot-trace filter`: random datasets
 * (BOM, CRLF and LF, blank lines, a last line with or without a break, text in many scripts)
 * and random sequences of operations — decisions with comments and labels, cleared
 * decisions, compactions, records deleted, inserted and moved — are played against a
 * plain model (a decision belongs to a record's content; the last one taken wins). After
 * every sequence:
 *  - every decision the model holds is read back from the sidecar, on the right record, and no
 *    record the model holds no decision for gets one (other than one flagged stale);
 *  - `filter --accepted-only` writes exactly the accepted records' lines, byte for byte, in order;
 *  - `filter --decisions` writes exactly the records not rejected, byte for byte, in order;
 *  - the dataset itself is byte for byte what the sequence made of it (filter never touched it).
 * A failure names the seed; `COT_MODEL_SEED=<seed>` replays one sequence.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashText } from '../../../src/core/review/hash';
import { matchDecisions, type Decision } from '../../../src/core/review/sidecar';
import { appendDecisions, compactSidecar, readSidecar } from '../../../src/core/node/sidecar';

const repoRoot = resolve(__dirname, '../../..');
const cli = join(repoRoot, 'dist', 'cli.js');

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['Wait', 'so', 'x = 3', '数学', 'ünïcödé', '✓', '😀', 'مرحبا', '\\boxed{4}', '"quoted"', 'tab\there', 'новый', 'ｆｕｌｌ'];

interface Row {
  /** The line's text, without its line break. */
  text: string;
  /** Its line break as written: '\n', '\r\n', or '' for a last line without one. */
  end: string;
}

interface Model {
  rows: Row[];
  /** Decisions by record content (every record's text is unique). */
  decisions: Map<string, { d: Decision; comment: string; labels: string[] }>;
}

describe('review sidecar and filter against a model (property test)', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'pipe' }));
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cot-model-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const replay = process.env.COT_MODEL_SEED;
  // COT_MODEL_RUNS=<n> plays more sequences (12 by default, about 10 s).
  const seeds = replay ? [Number(replay)] : Array.from({ length: Number(process.env.COT_MODEL_RUNS ?? 12) }, (_, k) => 1000 + k * 7919);

  for (const seed of seeds) {
    it(`loses no byte of the dataset and no decision (seed ${seed})`, () => run(seed));
  }

  function run(seed: number) {
    const random = mulberry32(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    let serial = 0;
    const newRecord = (): string => {
      const n = serial++;
      const words = Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(WORDS)).join(' ');
      const completion = random() < 0.5 ? `<think>${words}</think>\\boxed{${n}}` : `<think>${words}`;
      return JSON.stringify({ id: `r${seed}-${n}`, prompt: `Q${n}: ${words}`, completion, answer: String(n) });
    };
    const bom = random() < 0.3;
    const model: Model = { rows: [], decisions: new Map() };
    const count = 3 + Math.floor(random() * 12);
    for (let k = 0; k < count; k++) model.rows.push({ text: newRecord(), end: random() < 0.3 ? '\r\n' : '\n' });
    // Blank lines between records are not records; they must survive too.
    const blankAfter = new Set<string>();

    const datasetPath = join(dir, 'd.jsonl');
    const sidecarPath = `${datasetPath}.review.jsonl`;
    const bytesOf = (m: Model): Buffer => {
      const last = m.rows.length - 1;
      const body = m.rows.map((r, k) => r.text + (k === last && r.end === '' ? '' : r.end || '\n') + (blankAfter.has(r.text) && k !== last ? '\n' : '')).join('');
      return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body, 'utf8')]);
    };
    const writeDataset = () => writeFileSync(datasetPath, bytesOf(model));
    writeDataset();

    const steps = 10 + Math.floor(random() * 30);
    const log: string[] = [];
    for (let s = 0; s < steps; s++) {
      const r = random();
      if (r < 0.55 && model.rows.length) {
        const index = Math.floor(random() * model.rows.length);
        const row = model.rows[index];
        const d = pick(['accept', 'reject', 'skip'] as const);
        const comment = random() < 0.5 ? `note ${s} ${pick(WORDS)}\nsecond line` : '';
        const labels = random() < 0.3 ? [pick(['clean', 'math', '数学', 'needs fix'])] : [];
        appendDecisions(sidecarPath, [{ i: index, h: hashText(row.text), d, comment, labels, t: new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString() }]);
        model.decisions.set(row.text, { d, comment, labels });
        log.push(`${d} #${index}`);
      } else if (r < 0.62 && model.rows.length) {
        const index = Math.floor(random() * model.rows.length);
        appendDecisions(sidecarPath, [{ i: index, h: hashText(model.rows[index].text), d: null }]);
        model.decisions.delete(model.rows[index].text);
        log.push(`clear #${index}`);
      } else if (r < 0.72) {
        compactSidecar(sidecarPath);
        log.push('compact');
      } else if (r < 0.8 && model.rows.length > 1) {
        const index = Math.floor(random() * model.rows.length);
        const [gone] = model.rows.splice(index, 1);
        model.decisions.delete(gone.text);
        writeDataset();
        log.push(`delete #${index}`);
      } else if (r < 0.9) {
        const index = Math.floor(random() * (model.rows.length + 1));
        model.rows.splice(index, 0, { text: newRecord(), end: random() < 0.3 ? '\r\n' : '\n' });
        if (random() < 0.3) blankAfter.add(model.rows[index].text);
        writeDataset();
        log.push(`insert #${index}`);
      } else if (model.rows.length > 1) {
        const from = Math.floor(random() * model.rows.length);
        const to = Math.floor(random() * model.rows.length);
        const [row] = model.rows.splice(from, 1);
        model.rows.splice(to, 0, row);
        writeDataset();
        log.push(`move #${from}→#${to}`);
      }
    }
    // The last line may lose its line break (a file saved by hand).
    if (random() < 0.5) {
      model.rows[model.rows.length - 1].end = '';
      writeDataset();
    }
    const context = `seed ${seed}: ${log.join(', ')}`;
    const before = readFileSync(datasetPath);

    // 1. Every decision of the model reads back from the sidecar, on its record.
    const parsed = readSidecar(sidecarPath);
    assert.deepEqual(parsed.problems, [], context);
    const matched = matchDecisions(parsed.entries, model.rows.map((r) => hashText(r.text)));
    model.rows.forEach((row, index) => {
      const want = model.decisions.get(row.text);
      let got = matched.get(index);
      if (got?.match === 'stale') {
        // A decision whose record is gone may be offered, flagged stale, to the record now at
        // its position (a record deleted and another inserted there cannot be told from an
        // edit), never to a record that has a decision of its own; filter ignores it.
        assert.equal(want, undefined, `${context}\nrecord #${index} has its own decision, yet got a stale one`);
        got = undefined;
      }
      assert.deepEqual(
        got && { d: got.decision, comment: got.comment, labels: got.labels },
        want,
        `${context}\nrecord #${index}: the sidecar says ${JSON.stringify(got)}, the model ${JSON.stringify(want)}`,
      );
    });

    // 2. filter writes the chosen records' lines byte for byte.
    const expectLines = (keep: (row: Row) => boolean): Buffer => {
      const kept = model.rows.filter(keep);
      const body = kept.map((row) => row.text + (row.end === '' ? '' : row.end)).join('');
      // The byte order mark goes before the first record written: none when none is kept.
      return Buffer.concat([bom && kept.length ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body, 'utf8')]);
    };
    const filter = (args: string[]) => {
      const result = spawnSync(process.execPath, [cli, 'filter', 'd.jsonl', '-q', ...args], { cwd: dir, maxBuffer: 64 << 20 });
      assert.equal(result.status, 0, `${context}\n${result.stderr.toString()}`);
      return result.stdout;
    };
    const anyAccepted = [...model.decisions.values()].some((v) => v.d === 'accept');
    if (parsed.entries.length || anyAccepted) {
      assert.deepEqual(filter(['--accepted-only']).toString('utf8'), expectLines((row) => model.decisions.get(row.text)?.d === 'accept').toString('utf8'), `${context}\n--accepted-only`);
      assert.deepEqual(
        filter(['--decisions', 'd.jsonl.review.jsonl']).toString('utf8'),
        expectLines((row) => model.decisions.get(row.text)?.d !== 'reject').toString('utf8'),
        `${context}\n--decisions`,
      );
    }

    // 3. The dataset is untouched.
    assert.deepEqual(readFileSync(datasetPath), before, `${context}\nthe dataset changed`);
  }
});
