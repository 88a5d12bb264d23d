/**
 * Node.js flags the language server runs with wherever CoT Trace starts it (the VS Code
 * client, `cot-trace server --stdio`, the benchmark).
 *
 * `--max-semi-space-size=2` caps V8's young generation at a few MB instead of up to 48 MB.
 * Checking a large dataset allocates many short-lived objects; with the default cap the young
 * generation grows to its maximum and stays resident, which was a fifth of the server's peak
 * memory on a 20 MB dataset. Measured with `node bench/lsp.mjs`: the peak falls by about
 * 40 MB, first diagnostics and edit latency stay within run-to-run noise.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
