// The CoT Trace language server: `node dist/server.js --stdio` (also `cot-trace server --stdio`).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './session';

startServer(createConnection(ProposedFeatures.all));
