import { Socket, type SocketConstructorOpts } from 'node:net';
import type { Readable } from 'node:stream';
import { AbstractMessageReader, Disposable, type DataCallback, type Message } from 'vscode-languageserver/node';
import { parseJsonBytes, SplitLines } from './jsonBytes';

/** Bodies from this size on are parsed from their bytes (see jsonBytes.ts). */
export const LARGE_MESSAGE_BYTES = 256 * 1024;
/** A document text of this many bytes in a `didOpen` is handed over as lines too (see `textLinesOf`). */
export const SPLIT_TEXT_BYTES = 1024 * 1024;

const TEXT_LINES = Symbol('cotTrace.textLines');

/**
 * The lines of a large `didOpen` document, when the reader split them out of the message
 * (`text.split('\n')`, each line its own compact string). The document's `text` property
 * still works (it joins the lines when first read), but a server that keeps documents as
 * lines takes them from here and never builds the whole text: that string would need two
 * bytes per character for the whole document as soon as one character is outside Latin-1.
 */
export function textLinesOf(textDocument: object): string[] | undefined {
  return (textDocument as { [TEXT_LINES]?: string[] })[TEXT_LINES];
}

/**
 * Puts a parsed message back in its ordinary shape: a split `didOpen` text becomes a lazy
 * `text` property beside its lines; any other split string becomes a string again.
 */
function settle(message: Message): Message {
  let textDocument = (message as { method?: string; params?: { textDocument?: Record<string, unknown> } }).params?.textDocument;
  if ((message as { method?: string }).method !== 'textDocument/didOpen' || !(textDocument?.text instanceof SplitLines)) textDocument = undefined;
  else {
    const split = textDocument.text;
    let joined: string | undefined;
    Object.defineProperty(textDocument, 'text', { get: () => (joined ??= split.join()), enumerable: true, configurable: true });
    Object.defineProperty(textDocument, TEXT_LINES, { value: split.lines });
  }
  const restore = (value: unknown): unknown => {
    if (value instanceof SplitLines) return value.join();
    if (value && typeof value === 'object') {
      const entries = value as Record<string, unknown>;
      for (const key of Object.keys(entries)) {
        if (value === textDocument && key === 'text') continue;
        const item = entries[key];
        if (item && typeof item === 'object') entries[key] = restore(item);
      }
    }
    return value;
  };
  return restore(message) as Message;
}

/** Size of the buffer stdin is read into. */
const READ_BUFFER_BYTES = 1 << 16;
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** A header block larger than this is not LSP: the stream is reported broken. */
const MAX_HEADER_BYTES = 64 * 1024;
/**
 * The largest message body taken (1 GiB). A larger `Content-Length` is refused before any
 * memory is set aside for it, and the stream is closed: the bytes that follow cannot be
 * trusted to be that body.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;

/**
 * An LSP message reader (base protocol: `Content-Length` headers, then a UTF-8 JSON body)
 * that keeps a large message to one buffer of its exact size and parses it without a
 * string copy of the whole body.
 *
 * vscode-jsonrpc's stream reader keeps the arriving chunks, joins them into one buffer,
 * decodes it and parses the string; for a `didOpen` of a 20 MB dataset that is three or four
 * transient copies of the document (over 100 MB) before the server sees it. Here the body is
 * copied once, into a buffer allocated when its header is read, and parsed from there: the
 * peak is that buffer plus the text itself.
 */
export class LargeMessageReader extends AbstractMessageReader {
  /** The start of a header block that has not ended yet (a copy: chunks may be a reused buffer). */
  private header?: Buffer;
  private body?: Buffer;
  private filled = 0;
  private callback?: DataCallback;
  private broken = false;
  /** Whether a `shutdown` request came: a stream closed after it is a clean exit. */
  shutdownRequested = false;

  /**
   * `source`: a stream, or a file descriptor (the server's stdin) read through one reused
   * buffer. A stream hands over a new buffer for every chunk, and those stay allocated until
   * a garbage collection finds them (for a 20 MB `didOpen`, another 20 MB at the peak).
   */
  constructor(private readonly source: Readable | { fd: number }) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.onData(chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    // A socket made here hands its data to `onread` (no 'data' events); a stream given emits 'data'.
    const socket =
      'fd' in this.source
        ? new Socket({
            fd: this.source.fd,
            readable: true,
            writable: false,
            onread: { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: (read: number, buffer: Uint8Array) => void this.onData(buffer.subarray(0, read) as Buffer) },
          } as SocketConstructorOpts)
        : undefined;
    const readable: Readable = socket ?? (this.source as Readable);
    readable.on('data', onData);
    readable.on('error', onError);
    readable.on('end', onClose);
    readable.on('close', onClose);
    return Disposable.create(() => {
      this.callback = undefined;
      readable.off('data', onData);
      readable.off('error', onError);
      readable.off('end', onClose);
      readable.off('close', onClose);
      socket?.destroy();
    });
  }

  /** Takes the next piece of the stream (exposed for tests). */
  onData(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.broken) {
      if (this.body) {
        const take = Math.min(chunk.length - at, this.body.length - this.filled);
        chunk.copy(this.body, this.filled, at, at + take);
        this.filled += take;
        at += take;
        if (this.filled === this.body.length) this.deliver();
        continue;
      }
      // Reading a header block: find its end, which may straddle chunks.
      const rest = chunk.subarray(at);
      const before = this.header?.length ?? 0;
      const joined = this.header ? Buffer.concat([this.header, rest]) : rest;
      const endOfHeader = joined.indexOf(CRLFCRLF, Math.max(0, before - 3));
      if (endOfHeader < 0) {
        this.header = Buffer.from(joined);
        if (joined.length > MAX_HEADER_BYTES) this.fail(new Error(`no end of the message header in ${joined.length} bytes`));
        return;
      }
      const length = this.contentLength(joined.toString('latin1', 0, endOfHeader));
      this.header = undefined;
      at += endOfHeader + 4 - before;
      if (length === undefined) return;
      this.body = Buffer.allocUnsafe(length);
      this.filled = 0;
      if (length === 0) this.deliver();
    }
  }

  private contentLength(headers: string): number | undefined {
    let length: number | undefined;
    for (const line of headers.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) return this.fail(new Error(`malformed message header: ${JSON.stringify(line)}`));
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'content-type' && /charset=/i.test(value) && !/charset=["']?utf-?8/i.test(value)) {
        return this.fail(new Error(`unsupported message charset: ${value}`));
      }
    }
    if (length === undefined || !Number.isSafeInteger(length) || length < 0) return this.fail(new Error('message header without a valid Content-Length'));
    if (length > MAX_MESSAGE_BYTES) return this.fail(new Error(`a message of ${length} bytes was announced; the most taken is ${MAX_MESSAGE_BYTES}`));
    return length;
  }

  private deliver(): void {
    const body = this.body!;
    this.body = undefined;
    this.filled = 0;
    let message: Message;
    try {
      message =
        body.length >= LARGE_MESSAGE_BYTES
          ? settle(parseJsonBytes(body, { splitLinesFrom: SPLIT_TEXT_BYTES }) as Message)
          : (JSON.parse(body.toString('utf8')) as Message);
    } catch (error) {
      // A malformed message is reported and skipped; the next one is read normally.
      this.fireError(error);
      return;
    }
    // JSON-RPC messages are objects: `null`, a number or an array is reported and skipped.
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      this.fireError(new Error(`a message body that is not a JSON-RPC message (${message === null ? 'null' : Array.isArray(message) ? 'an array' : typeof message}) was skipped`));
      return;
    }
    if ((message as { method?: string }).method === 'shutdown') this.shutdownRequested = true;
    this.callback?.(message);
  }

  /** The stream is out of step (no way to find the next message): report it and stop. */
  private fail(error: Error): undefined {
    this.broken = true;
    this.fireError(error);
    this.fireClose();
    return undefined;
  }
}
