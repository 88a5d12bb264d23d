/**
 * Offset ↔ (line, character) for a whole document. Lines end at `\n`, `\r\n` or a lone
 * `\r`, as in the editor; characters are UTF-16 code units.
 */
export class LineIndex {
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    const starts: number[] = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Uint32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of `line` (0-based), clamped. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** 0-based line and character of `offset` (clamped to the text). */
  position(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** Offset of a 0-based position (clamped to its line). */
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return Math.min(start + Math.max(0, character), next);
  }
}
