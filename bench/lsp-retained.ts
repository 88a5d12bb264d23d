// What the language server keeps for an open JSON Lines document once it is checked and
// scored: the document itself (as lines, taken from a `didOpen` read by the server's own
// message reader) and every record's result, measured as live heap after a full collection.
// The server's peak RSS also counts the transient copies made while the document arrives
// (the message's bytes, the pipe's chunks); this isolates what stays.
//   node --expose-gc --import tsx bench/lsp-retained.ts FILE
import { readFileSync, statSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import { documentChecker, OpenDocument } from '../src/server/documents';
import { LargeMessageReader, textLinesOf } from '../src/server/transport';
import { resolveConfig } from '../src/core/config/resolve';

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
const uri = `file://${file}`;
let message: { params?: DidOpenTextDocumentParams } | undefined;
{
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'jsonl', version: 1, text: readFileSync(file, 'utf8') } } }));
  const reader = new LargeMessageReader(new PassThrough());
  reader.listen((m) => (message = m as typeof message));
  reader.onData(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
}
const textDocument = message!.params!.textDocument;
const doc = new OpenDocument(uri, 'jsonl', 1, textLinesOf(textDocument) ?? textDocument.text, file);
message = undefined;
const checker = documentChecker(resolveConfig({}));
doc.checkSome(checker, () => false, false);
doc.checkSome(checker, () => false, true);
const kept = heap() - idle;
let findings = 0;
doc.forEach((r) => (findings += r.result.findings.length));
console.log(JSON.stringify({ file, bytes, records: doc.recordCount, findings, retainedBytes: kept, perFileByte: kept / bytes }));
