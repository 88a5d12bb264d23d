/**
 * Node.js flags the language server runs with wherever CoT Trace starts it (the VS Code
 * client, `cot-trace server --stdio`, the benchmark).
 *
 * Checking a large dataset allocates many short-lived objects. With V8's defaults the young
 * generation grows to 48 MB and the old generation is allowed to fill up with garbage well
 * past what is live before it is collected; both stay resident.
 * - `--max-semi-space-size=2` caps the young generation at a few MB;
 * - `--optimize-for-size` makes V8 collect the old generation sooner (and compile a little
 *   less eagerly).
 * Measured with `node bench/lsp.mjs` on a 21 MB dataset: the server's peak RSS fell from
 * about 200 MB to under 120 MB; first diagnostics and edit latency did not change beyond
 * run-to-run noise.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--optimize-for-size'];
