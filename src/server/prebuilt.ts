import type { Message } from 'vscode-languageserver/node';

/**
 * Diagnostics reports written from pre-serialised pieces.
 *
 * A client that takes one report per document gets every diagnostic of the document after
 * each edit. Serialising that report (`JSON.stringify` of the whole notification, then
 * encoding it as UTF-8) costs time in proportion to the document's diagnostics, although an
 * edit inside one record changes only that record's. So each record's diagnostics keep their
 * JSON as UTF-8 bytes (see `toDiagnostics`), and the writer's encoder joins those pieces.
 *
 * The pieces ride on the diagnostics array itself under a symbol key, which `JSON.stringify`
 * never sees: a writer without this encoder (other transports) writes the same bytes the
 * ordinary way.
 */
const PIECES = Symbol('cotTrace.diagnosticsJson');

type Tagged = object & { [PIECES]?: readonly Buffer[] };

/** Marks `diagnostics` as serialising to `[` + pieces joined by `,` + `]` (each piece the JSON of some of its items, in order). */
export function withPieces<T extends object>(diagnostics: T, pieces: readonly Buffer[]): T {
  Object.defineProperty(diagnostics, PIECES, { value: pieces, enumerable: false });
  return diagnostics;
}

/** The UTF-8 JSON of a list of items without its brackets: a piece for `withPieces`. */
export function piece(items: readonly unknown[]): Buffer {
  const json = JSON.stringify(items);
  return Buffer.from(json.slice(1, -1), 'utf8');
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}}');

/**
 * The body of a message: `JSON.stringify(message)` as UTF-8, byte for byte, built from the
 * pieces of a `publishDiagnostics`, or of a response to a pull, whose diagnostics carry them.
 */
export function encodeMessage(message: Message): Buffer {
  const m = message as { method?: string; params?: { diagnostics?: Tagged }; result?: { items?: Tagged } };
  // A pushed report (`params.diagnostics`) or a pulled one (the response's `result.items`).
  const inParams = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics?.[PIECES] : undefined;
  const pieces = inParams ?? (m.result && typeof m.result === 'object' ? m.result.items?.[PIECES] : undefined);
  if (pieces) {
    // The list is the last key of the params (result), those the last of the message: the
    // text ends with `[]}}` with an empty list, and the list goes where those brackets are.
    const head = JSON.stringify(inParams ? { ...message, params: { ...m.params, diagnostics: [] } } : { ...message, result: { ...m.result, items: [] } });
    if (head.endsWith('[]}}')) {
      const parts: Buffer[] = [Buffer.from(head.slice(0, -4), 'utf8'), OPEN];
      pieces.forEach((p, i) => {
        if (i) parts.push(COMMA);
        parts.push(p);
      });
      parts.push(CLOSE);
      return Buffer.concat(parts);
    }
  }
  return Buffer.from(JSON.stringify(message, undefined, 0), 'utf8');
}

/** A content type encoder for vscode-jsonrpc's stream writer that uses `encodeMessage`. */
export const prebuiltJsonEncoder = {
  name: 'application/json',
  encode: (message: Message): Promise<Uint8Array> => {
    try {
      return Promise.resolve(encodeMessage(message));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
