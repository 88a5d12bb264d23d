/**
 * The fast path for numbers: a small bounded evaluator of constant LaTeX arithmetic —
 * decimals, `\frac`, `\sqrt` (also `\sqrt[n]`), `^`, `+ - * /`, `\cdot`, `\times`, `\pi`,
 * `e`, parentheses and braces, implicit products (`65\pi`, `2\sqrt{3}`), mixed numbers
 * (`3\frac{1}{2}`) and scientific notation (`1.2\times10^{3}`, `1.2e3`). Anything else (a
 * variable, a function, a factorial) returns undefined and goes to the compute engine.
 */

const MAX_TOKENS = 200;

type Token = { t: 'num'; v: number; int: boolean } | { t: 'op'; v: string } | { t: 'cmd'; v: string };

function tokenize(s: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (out.length > MAX_TOKENS) return undefined;
    const c = s[i];
    if (c === ' ') {
      i++;
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && s[i + 1] >= '0' && s[i + 1] <= '9')) {
      let j = i;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      let int = true;
      if (s[j] === '.' && s[j + 1] >= '0' && s[j + 1] <= '9') {
        int = false;
        j++;
        while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      }
      // 1.2e3, 1.2E-3 (an `e` followed by digits, never the constant e).
      if ((s[j] === 'e' || s[j] === 'E') && /^[eE][+-]?\d/.test(s.slice(j, j + 3))) {
        int = false;
        j++;
        if (s[j] === '+' || s[j] === '-') j++;
        while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      }
      if (j - i > 40) return undefined;
      out.push({ t: 'num', v: Number(s.slice(i, j)), int });
      i = j;
      continue;
    }
    if (c === '\\') {
      let j = i + 1;
      while (j < s.length && /[a-zA-Z]/.test(s[j])) j++;
      if (j === i + 1) return undefined;
      const name = s.slice(i + 1, j);
      if (name === 'cdot' || name === 'times') out.push({ t: 'op', v: '*' });
      else if (name === 'div') out.push({ t: 'op', v: '/' });
      else if (name === 'pi' || name === 'frac' || name === 'sqrt') out.push({ t: 'cmd', v: name });
      else return undefined;
      i = j;
      continue;
    }
    if (c === 'e') {
      out.push({ t: 'cmd', v: 'e' });
      i++;
      continue;
    }
    if ('+-*/^{}()[]'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    return undefined;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.toks[this.i];
    return t !== undefined && t.t === 'op' && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new Error('syntax');
    this.i++;
  }

  parseAll(): number {
    const v = this.sum();
    if (this.i !== this.toks.length) throw new Error('syntax');
    return v;
  }

  private sum(): number {
    let v = this.product();
    for (;;) {
      if (this.isOp('+')) {
        this.i++;
        v += this.product();
      } else if (this.isOp('-')) {
        this.i++;
        v -= this.product();
      } else return v;
    }
  }

  private product(): number {
    let v = this.unary();
    for (;;) {
      if (this.isOp('*')) {
        this.i++;
        v *= this.unary();
      } else if (this.isOp('/')) {
        this.i++;
        const d = this.unary();
        if (d === 0) throw new Error('division by zero');
        v /= d;
      } else if (this.startsAtom()) {
        // Implicit product: 2\pi, 3\sqrt{2}, 2(3+1).
        v *= this.power();
      } else return v;
    }
  }

  private startsAtom(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.t === 'cmd') return true;
    if (t.t === 'op') return t.v === '(' || t.v === '{';
    return false;
  }

  private unary(): number {
    if (this.isOp('-')) {
      this.i++;
      return -this.unary();
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }

  private power(): number {
    const base = this.atom();
    if (this.isOp('^')) {
      this.i++;
      const exponent = this.isOp('-') ? (this.i++, -this.atom()) : this.atom();
      if (Math.abs(exponent) > 400) throw new Error('exponent too large');
      const v = Math.pow(base, exponent);
      if (!Number.isFinite(v)) throw new Error('overflow');
      return v;
    }
    return base;
  }

  private group(): number {
    if (this.isOp('{')) {
      this.i++;
      const v = this.sum();
      this.expect('}');
      return v;
    }
    // `\frac12`: one digit per argument.
    const t = this.peek();
    if (t && t.t === 'num' && t.int) {
      const digits = String(t.v);
      if (digits.length > 1) {
        this.toks.splice(this.i, 1, { t: 'num', v: Number(digits[0]), int: true }, { t: 'num', v: Number(digits.slice(1)), int: true });
      }
      this.i++;
      return Number(digits[0]);
    }
    return this.atom();
  }

  private atom(): number {
    const t = this.peek();
    if (!t) throw new Error('syntax');
    this.i++;
    if (t.t === 'num') {
      // Mixed number: 3\frac{1}{2} (an integer directly followed by a fraction of integers).
      const next = this.peek();
      if (t.int && next && next.t === 'cmd' && next.v === 'frac' && this.toks[this.i - 2] === undefined) {
        const save = this.i;
        this.i++;
        const n = this.group();
        const d = this.group();
        if (Number.isInteger(n) && Number.isInteger(d) && d > 0 && n >= 0 && n < d && this.i === this.toks.length) return t.v + n / d;
        this.i = save;
      }
      return t.v;
    }
    if (t.t === 'cmd') {
      if (t.v === 'pi') return Math.PI;
      if (t.v === 'e') return Math.E;
      if (t.v === 'frac') {
        const n = this.group();
        const d = this.group();
        if (d === 0) throw new Error('division by zero');
        return n / d;
      }
      if (t.v === 'sqrt') {
        let index = 2;
        if (this.isOp('[')) {
          this.i++;
          index = this.sum();
          this.expect(']');
        }
        // `\sqrt(2)` is malformed LaTeX (the argument needs braces): not a number.
        if (this.isOp('(')) throw new Error('malformed');
        const x = this.group();
        if (x < 0 || index <= 0) throw new Error('not real');
        return index === 2 ? Math.sqrt(x) : Math.pow(x, 1 / index);
      }
    }
    if (t.t === 'op' && (t.v === '(' || t.v === '{')) {
      const v = this.sum();
      this.expect(t.v === '(' ? ')' : '}');
      return v;
    }
    throw new Error('syntax');
  }
}

/** The value of a constant arithmetic LaTeX expression, or undefined when it is anything else. */
export function evaluateNumber(s: string): number | undefined {
  if (s.length > 400) return undefined;
  const toks = tokenize(s);
  if (!toks || toks.length === 0) return undefined;
  try {
    const v = new Parser(toks).parseAll();
    return Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A plain decimal number (the common case: no LaTeX at all). */
export const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;
