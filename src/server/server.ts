// The CoT Trace language server: `node dist/server.js --stdio` (also `cot-trace server --stdio`).
// Started as a worker thread, the same bundle checks records for the server instead.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runChecker } from './pool';
import { startServer } from './session';

if (!isMainThread && parentPort && (workerData as { cotTraceRole?: string } | undefined)?.cotTraceRole === 'checker') {
  runChecker(parentPort);
} else {
  const connection = createConnection(ProposedFeatures.all);
  // A message the client could not take (an unanswered request, a closed pipe) must not stop the server.
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled: ${reason instanceof Error ? reason.message : String(reason)}`));
  startServer(connection);
}
