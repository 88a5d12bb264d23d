// `npm start`: try the extension in a real VS Code workbench served by code-server.
// Packages the extension, installs code-server if needed (scripts/provision.sh), installs
// the .vsix into .cache/start/extensions, serves samples/ on 127.0.0.1 and prints the URL.
// Runs until Ctrl+C, then stops code-server and everything it started.
//
//   npm start                 port 8080 if free, otherwise any free port
//   npm start -- --port 9000
//   npm start -- --folder /path/to/your/datasets
/* global setInterval */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { require as tsxRequire } from 'tsx/cjs/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    folder: { type: 'string' },
    'skip-package': { type: 'boolean', default: false },
  },
});
const folder = resolve(values.folder ?? join(root, 'samples'));
if (!existsSync(folder)) {
  console.error(`start: ${folder} does not exist`);
  process.exit(1);
}

// Loaded as CommonJS, like the e2e suite loads it (its paths come from __dirname).
const cs = tsxRequire('./e2e/codeServer.ts', import.meta.url);
const step = (label) => console.log(`\n▸ ${label}`);

try {
  if (!existsSync(cs.CODE_SERVER_BIN)) {
    step('installing code-server (first run only)');
    const result = spawnSync('bash', [join(root, 'scripts', 'provision.sh')], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('scripts/provision.sh failed');
  }
  if (values['skip-package'] && existsSync(cs.VSIX)) {
    step('reusing cot-trace.vsix');
  } else {
    step('building and packaging cot-trace.vsix');
    cs.packageExtension();
  }

  const dirs = cs.createRunDirs(join(root, '.cache', 'start'));
  step(`installing the extension into ${dirs.extensions.slice(root.length + 1)}`);
  cs.installExtension(dirs);

  let port = values.port ? Number(values.port) : 8080;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number`);
  if (!values.port && !(await isFree(port))) port = await cs.findFreePort();

  step('starting code-server');
  const logFile = join(dirs.base, 'code-server.log');
  const server = await cs.startCodeServer({ dirs, logFile, port, workspace: folder });
  console.log(`\n  CoT Trace in VS Code: ${server.folderUrl(folder)}`);
  console.log(`  (code-server ${cs.CODE_SERVER_VERSION}, pid ${server.pid}, log ${logFile.slice(root.length + 1)})`);
  console.log('  Press Ctrl+C to stop.\n');

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server…`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Keep the process alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
} catch (error) {
  console.error(`\nstart: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

async function isFree(port) {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}
