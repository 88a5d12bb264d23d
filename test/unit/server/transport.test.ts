import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { JsonBytesError, parseJsonBytes } from '../../../src/server/jsonBytes';
import { SERVER_NODE_FLAGS } from '../../../src/server/launch';
import { LARGE_MESSAGE_BYTES, LargeMessageReader, SPLIT_TEXT_BYTES, textLinesOf } from '../../../src/server/transport';

const parse = (json: string) => parseJsonBytes(Buffer.from(json, 'utf8'));

describe('server transport: JSON parsed from bytes', () => {
  it('gives what JSON.parse gives for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value);
        assert.deepEqual(parse(json), JSON.parse(json));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes every string, escaped or not, as JSON.parse does (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), (a, b) => {
        const json = JSON.stringify({ a, b, both: a + b, list: [a, b] });
        assert.deepEqual(parse(json), JSON.parse(json));
      }),
      { numRuns: 500 },
    );
  });

  it('handles every escape, surrogate pairs written as escapes and lone surrogates', () => {
    const cases = [
      String.raw`"a\"b\\c\/d\b\f\n\r\t"`,
      String.raw`"\u00e9\u4e2d\ud83d\ude00 end"`,
      String.raw`"\ud800"`,
      String.raw`"x\udc00y\ud83d"`,
      String.raw`"\ud83dz"`,
      '"<think>\\n中文 \\"quoted\\"</think>"',
      '  { "text" : "a" , "n" : [ 1 , -2.5e3 , 0 , true , false , null ] }  ',
    ];
    for (const json of cases) assert.deepEqual(parse(json), JSON.parse(json), json);
  });

  it('keeps "__proto__" as an own property, as JSON.parse does', () => {
    const value = parse('{"__proto__": {"polluted": 1}, "a": 2}') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__', 'a']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses malformed JSON', () => {
    for (const bad of ['{"a":1', '{"a" 1}', '[1,]', '01', '"abc', '{"a":1}x', 'nul', '"\\x"', '+1', '1.']) {
      assert.throws(() => parse(bad), (e: unknown) => e instanceof JsonBytesError || e instanceof SyntaxError, bad);
    }
  });
});

const frame = (message: object): Buffer => {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`, 'latin1'), body]);
};

function collect(reader: LargeMessageReader): { messages: Message[]; errors: Error[] } {
  const messages: Message[] = [];
  const errors: Error[] = [];
  reader.onError((e) => errors.push(e));
  reader.listen((m) => messages.push(m));
  return { messages, errors };
}

describe('server transport: message reader', () => {
  const text = 'x'.repeat(LARGE_MESSAGE_BYTES) + '\n{"completion":"<think>\\n中文 \\"q\\"</think> 42"}\n';
  const messages = [
    { jsonrpc: '2.0', id: 1, method: 'initialize', params: { capabilities: {} } },
    { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///big.jsonl', languageId: 'jsonl', version: 1, text } } },
    { jsonrpc: '2.0', id: 2, method: 'shutdown' },
  ];
  const stream = Buffer.concat(messages.map(frame));

  it('reads messages however the stream is cut into chunks, large ones included', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const reader = new LargeMessageReader(new PassThrough());
        const got = collect(reader);
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          reader.onData(stream.subarray(at, cut));
          at = cut;
        }
        reader.onData(stream.subarray(at));
        assert.deepEqual(got.errors, []);
        assert.deepEqual(got.messages, messages);
        assert.equal(reader.shutdownRequested, true);
      }),
      { numRuns: 60 },
    );
  });

  it('hands a large didOpen text over as lines too; other large strings stay strings', () => {
    const big = ('{"completion":"<think>\\n中文 \\"q\\"</think> 42"}\r\n' + 'a'.repeat(70) + '\n').repeat(Math.ceil(SPLIT_TEXT_BYTES / 100)) + '\n\nlast';
    const open = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.jsonl', languageId: 'jsonl', version: 1, text: big } } };
    const other = { jsonrpc: '2.0', id: 7, method: 'workspace/executeCommand', params: { command: 'x', arguments: [big, { text: big }] } };
    const reader = new LargeMessageReader(new PassThrough());
    const got = collect(reader);
    reader.onData(Buffer.concat([frame(open), frame(other)]));
    assert.deepEqual(got.errors, []);
    const textDocument = (got.messages[0] as typeof open).params.textDocument;
    assert.deepEqual(textLinesOf(textDocument), big.split('\n'));
    assert.equal(textDocument.text, big);
    assert.deepEqual(JSON.parse(JSON.stringify(got.messages[0])), open);
    assert.deepEqual(got.messages[1], other);
    assert.equal(typeof (got.messages[1] as typeof other).params.arguments[0], 'string');
  });

  it('reports a malformed body and goes on with the next message', () => {
    const reader = new LargeMessageReader(new PassThrough());
    const got = collect(reader);
    const bad = Buffer.from('{"jsonrpc":"2.0", oops}');
    reader.onData(Buffer.concat([Buffer.from(`Content-Length: ${bad.length}\r\n\r\n`), bad, frame(messages[0])]));
    assert.equal(got.errors.length, 1);
    assert.deepEqual(got.messages, [messages[0]]);
  });

  it('reports a header without Content-Length and stops reading', () => {
    const reader = new LargeMessageReader(new PassThrough());
    const got = collect(reader);
    let closed = false;
    reader.onClose(() => (closed = true));
    reader.onData(Buffer.concat([Buffer.from('Content-Type: application/json\r\n\r\n{}'), frame(messages[0])]));
    assert.match(String(got.errors[0]?.message), /Content-Length/);
    assert.deepEqual(got.messages, []);
    assert.equal(closed, true);
  });

  it('listens to a real stream', async () => {
    const input = new PassThrough();
    const reader = new LargeMessageReader(input);
    const got = collect(reader);
    input.write(stream.subarray(0, 100));
    input.end(stream.subarray(100));
    await new Promise((resolve) => reader.onClose(resolve));
    assert.deepEqual(got.messages, messages);
  });
});

describe('server launch flags', () => {
  it('the LSP benchmark starts the server with the flags every launcher uses', () => {
    const bench = readFileSync(resolve(__dirname, '../../../bench/lsp.mjs'), 'utf8');
    const declared = /const SERVER_NODE_FLAGS = (\[[^\]]*\]);/.exec(bench)?.[1];
    assert.ok(declared, 'bench/lsp.mjs declares SERVER_NODE_FLAGS');
    assert.deepEqual(JSON.parse(declared.replace(/'/g, '"')), SERVER_NODE_FLAGS);
  });
});
