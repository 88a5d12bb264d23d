// What the language server keeps for an open JSON Lines document once it is checked and
// scored: the document itself (as lines) and every record's result, measured as live heap
// after a full collection. The server's peak RSS also counts the transient copies the
// protocol makes when the document arrives (its bytes, the decoded message, the parsed
// text); this isolates what stays.
//   node --expose-gc --import tsx bench/lsp-retained.ts FILE
import { readFileSync, statSync } from 'node:fs';
import { OpenDocument, wholeReader } from '../src/server/documents';
import { lineReader, makeChecker, resolve } from '../src/server/engine';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const file = process.argv[2];
const bytes = statSync(file).size;
const idle = heap();
let text: string | undefined = readFileSync(file, 'utf8');
const doc = new OpenDocument(`file://${file}`, 'jsonl', 1, text, file);
text = undefined;
const config = resolve({});
const read = lineReader(config);
const whole = wholeReader(undefined);
const full = makeChecker(config, { rewards: true });
doc.checkSome(read, whole, makeChecker(config, { rewards: false }), full, () => false, false);
doc.checkSome(read, whole, full, full, () => false, true);
const kept = heap() - idle;
let findings = 0;
doc.forEach((r) => (findings += r.result.findings.length));
console.log(JSON.stringify({ file, bytes, records: doc.recordCount, findings, retainedBytes: kept, perFileByte: kept / bytes }));
