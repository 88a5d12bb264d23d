/**
 * Content hash of a record's source text: 64-bit FNV-1a over its UTF-8 bytes, as 16 hex
 * digits. Pure and fast (no crypto needed: it tells edited records apart, it is not a
 * signature). Hashing bytes lets the indexer hash lines without decoding them; hashing a
 * string gives the same value as hashing its UTF-8 encoding.
 */
const encoder = new TextEncoder();

/** FNV-1a 64 over bytes[start, end), computed in two 32-bit halves. */
export function hashBytes(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return new Fnv64().update(bytes, start, end).digest();
}

/** Hash of a text (its UTF-8 bytes). */
export function hashText(text: string): string {
  return hashBytes(encoder.encode(text));
}

/** FNV-1a 64 computed piece by piece (a line split across read chunks). */
export class Fnv64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  update(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = start; i < end; i++) {
      lo = (lo ^ bytes[i]) >>> 0;
      const loMul = lo * 0x1b3;
      const carry = Math.floor(loMul / 0x100000000);
      const newLo = loMul >>> 0;
      hi = (Math.imul(hi, 0x1b3) + Math.imul(lo, 0x100) + carry) >>> 0;
      lo = newLo;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** Adds one byte. */
  byte(b: number): this {
    const lo = (this.lo ^ b) >>> 0;
    const loMul = lo * 0x1b3;
    this.hi = (Math.imul(this.hi, 0x1b3) + Math.imul(lo, 0x100) + Math.floor(loMul / 0x100000000)) >>> 0;
    this.lo = loMul >>> 0;
    return this;
  }

  digest(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}
