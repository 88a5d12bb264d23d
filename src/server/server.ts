// The CoT Trace language server: `node dist/server.js --stdio` (also `cot-trace server --stdio`).
// Started as a worker thread, the same bundle checks records for the server instead.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { runChecker } from './pool';
import { startServer } from './session';
import { prebuiltJsonEncoder } from './prebuilt';
import { LargeMessageReader } from './transport';

/**
 * Standard input as the reader takes it: a pipe or socket (how editors start a server) by
 * its file descriptor, read into one reused buffer; a terminal or a file as Node's stream.
 */
function stdinSource(): Readable | { fd: number } {
  try {
    const stat = fstatSync(0);
    if (stat.isFIFO() || stat.isSocket()) return { fd: 0 };
  } catch {
    // not a file descriptor we can inspect: use the stream
  }
  return process.stdin;
}

/**
 * Over stdio the server reads messages with its own reader, which keeps a large `didOpen`
 * to one copy of its bytes (see transport.ts); other transports (--node-ipc, --socket,
 * --pipe) are set up by vscode-languageserver.
 */
function connect(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new LargeMessageReader(stdinSource());
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: prebuiltJsonEncoder }));
  // stdout carries the protocol: console output goes to the client's log instead.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = console.info = console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  // A message the reader refused: say why on stderr (editors keep it in the server's log).
  reader.onError((error) => process.stderr.write(`cot-trace server: ${error instanceof Error ? error.message : String(error)}\n`));
  // The editor went away without `exit`: nothing more can arrive.
  reader.onClose(() => process.exit(reader.shutdownRequested ? 0 : 1));
  return connection;
}

if (!isMainThread && parentPort && (workerData as { cotTraceRole?: string } | undefined)?.cotTraceRole === 'checker') {
  runChecker(parentPort);
} else {
  const connection = connect();
  // A message the client could not take (an unanswered request, a closed pipe) must not stop the server.
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled: ${reason instanceof Error ? reason.message : String(reason)}`));
  startServer(connection);
}
