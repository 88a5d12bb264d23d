// The LZ4 frame decoder (Arrow IPC LZ4_FRAME bodies): frames built by hand, byte by byte, so
// every flag and every kind of damage is covered without a compressor.
import { strict as assert } from 'node:assert';
import { decompressLz4Frame } from '../../../src/core/node/columnar/lz4frame';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255];

/** A frame: FLG (version 01 + flags), BD 64 KB, optional content size, blocks, end mark. */
function frame(flags: number, blocks: number[][], options: { contentSize?: number; trailer?: number[] } = {}): Uint8Array {
  const flg = 0x40 | flags | (options.contentSize !== undefined ? 0x08 : 0);
  const header = [0x04, 0x22, 0x4d, 0x18, flg, 0x40];
  if (options.contentSize !== undefined) header.push(...le32(options.contentSize), 0, 0, 0, 0);
  header.push(0x00); // header checksum (not verified)
  const body = blocks.flatMap((b) => b);
  return new Uint8Array([...header, ...body, 0, 0, 0, 0, ...(options.trailer ?? [])]);
}
const compressed = (bytes: number[], checksum = false) => [...le32(bytes.length), ...bytes, ...(checksum ? [1, 2, 3, 4] : [])];
const stored = (s: string, checksum = false) => [...le32(s.length | 0x80000000), ...Buffer.from(s, 'latin1'), ...(checksum ? [1, 2, 3, 4] : [])];
/** One LZ4 sequence: literals, then a match of `length` (>= 4) at `offset`. */
const seq = (literals: string, offset?: number, length?: number) => {
  const lit = [...Buffer.from(literals, 'latin1')];
  if (offset === undefined) return [Math.min(lit.length, 15) << 4, ...(lit.length >= 15 ? [lit.length - 15] : []), ...lit];
  const m = length! - 4;
  return [(Math.min(lit.length, 15) << 4) | Math.min(m, 15), ...(lit.length >= 15 ? [lit.length - 15] : []), ...lit, offset & 255, offset >> 8, ...(m >= 15 ? [m - 15] : [])];
};

describe('LZ4 frame decoder', () => {
  it('literals and an overlapping match', () => {
    assert.equal(text(decompressLz4Frame(frame(0, [compressed([...seq('ab', 2, 10), ...seq('!')])]))), 'abababababab!');
  });

  it('linked blocks: a match reaches back into the block before', () => {
    const f = frame(0, [compressed(seq('hello world')), compressed([...seq('', 11, 11), ...seq('.')])]);
    assert.equal(text(decompressLz4Frame(f)), 'hello worldhello world.');
  });

  it('stored blocks, block checksums, a content checksum and a content size', () => {
    const f = frame(0x10 | 0x04, [compressed(seq('abc'), true), stored('def', true), compressed([...seq('', 6, 6), ...seq('')], true)], { contentSize: 12, trailer: [9, 9, 9, 9] });
    assert.equal(text(decompressLz4Frame(f)), 'abcdefabcdef');
  });

  it('an empty frame is empty', () => {
    assert.equal(decompressLz4Frame(frame(0, [])).length, 0);
  });

  it('damage is an error, never garbage', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array([1, 2, 3, 4, 5, 6, 7]), /not an LZ4 frame/],
      [frame(0x01, []), /dictionary/],
      [frame(0, [compressed([...seq('ab', 5, 4)])]), /refers before the start/],
      [frame(0, [compressed(seq('abc'))], { contentSize: 2 }), /run past|runs past|holds more|not the 2/],
      [frame(0, [compressed(seq('abc'))], { contentSize: 900_000 }), /more than its blocks can hold/],
      [frame(0, [compressed(seq('abc'))]).subarray(0, 12), /cut short|runs past/],
      [frame(0, [compressed(seq('abc'))], { trailer: [7] }), /bytes follow/],
    ];
    for (const [bytes, message] of cases) assert.throws(() => decompressLz4Frame(bytes), message);
  });
});
