import { createScanner, type JSONScanner } from 'jsonc-parser';

/**
 * The first syntax error of strict JSON (no comments, no trailing commas), found without
 * recursion. jsonc-parser's own `parse` descends one call per nesting level and overflows
 * the stack on a few thousand unclosed brackets; this walks the same tokens with the same
 * grammar, keeping open containers on an explicit stack, and stops at the first error. It
 * reports what `parse(text, errors)` would put first in `errors`: the same code, offset and
 * length (a test compares both on random input).
 */

export interface SyntaxError {
  /** jsonc-parser's name of the error (`CloseBracketExpected`, `InvalidSymbol`, …). */
  code: string;
  offset: number;
  length: number;
}

export interface SyntaxCheck {
  error: SyntaxError | null;
  /** Deepest nesting of arrays and objects reached before the end or the error. */
  depth: number;
}

class Stop {
  constructor(readonly error: SyntaxError) {}
}

/**
 * jsonc-parser's `ScanError` and `SyntaxKind` are declared as `const enum`s, which files
 * compiled one by one cannot import: their values, as the package defines them.
 */
const SCAN_ERRORS: Record<number, string> = {
  // 1, an unterminated comment, is reported as a comment (comments are not allowed at all).
  2: 'UnexpectedEndOfString',
  3: 'UnexpectedEndOfNumber',
  4: 'InvalidUnicode',
  5: 'InvalidEscapeCharacter',
  6: 'InvalidCharacter',
};

const enum SyntaxKind {
  OpenBraceToken = 1,
  CloseBraceToken = 2,
  OpenBracketToken = 3,
  CloseBracketToken = 4,
  CommaToken = 5,
  ColonToken = 6,
  NullKeyword = 7,
  TrueKeyword = 8,
  FalseKeyword = 9,
  StringLiteral = 10,
  NumericLiteral = 11,
  LineCommentTrivia = 12,
  BlockCommentTrivia = 13,
  LineBreakTrivia = 14,
  Trivia = 15,
  Unknown = 16,
  EOF = 17,
}

function fail(scanner: JSONScanner, code: string): never {
  throw new Stop({ code, offset: scanner.getTokenOffset(), length: scanner.getTokenLength() });
}

/** The next token that is not white space; a bad token or a comment stops the check. */
function next(scanner: JSONScanner): SyntaxKind {
  for (;;) {
    const token = scanner.scan() as number as SyntaxKind;
    const scanError = SCAN_ERRORS[scanner.getTokenError()];
    if (scanError) fail(scanner, scanError);
    switch (token) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        fail(scanner, 'InvalidCommentToken');
        break;
      case SyntaxKind.Unknown:
        fail(scanner, 'InvalidSymbol');
        break;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        break;
      default:
        return token;
    }
  }
}

const enum Open {
  Array,
  Object,
}

/** Checks `text` as one strict JSON value. */
export function jsonSyntax(text: string): SyntaxCheck {
  const scanner = createScanner(text, false);
  const stack: Array<{ kind: Open; needsComma: boolean }> = [];
  let depth = 0;

  /** Starts the value at the current token: false when it is not a value. */
  const value = (): boolean => {
    switch (scanner.getToken() as number as SyntaxKind) {
      case SyntaxKind.OpenBracketToken:
        stack.push({ kind: Open.Array, needsComma: false });
        if (stack.length > depth) depth = stack.length;
        next(scanner);
        return true;
      case SyntaxKind.OpenBraceToken:
        stack.push({ kind: Open.Object, needsComma: false });
        if (stack.length > depth) depth = stack.length;
        next(scanner);
        return true;
      case SyntaxKind.NumericLiteral:
        if (Number.isNaN(Number(scanner.getTokenValue()))) fail(scanner, 'InvalidNumberFormat');
        next(scanner);
        return true;
      case SyntaxKind.StringLiteral:
      case SyntaxKind.NullKeyword:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
        next(scanner);
        return true;
      default:
        return false;
    }
  };

  try {
    if (next(scanner) === SyntaxKind.EOF) fail(scanner, 'ValueExpected');
    if (!value()) fail(scanner, 'ValueExpected');
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const close = frame.kind === Open.Array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
      let token = scanner.getToken() as number as SyntaxKind;
      if (token === close) {
        stack.pop();
        next(scanner);
        continue;
      }
      if (token === SyntaxKind.EOF) fail(scanner, frame.kind === Open.Array ? 'CloseBracketExpected' : 'CloseBraceExpected');
      if (token === SyntaxKind.CommaToken) {
        if (!frame.needsComma) fail(scanner, 'ValueExpected');
        token = next(scanner);
      } else if (frame.needsComma) fail(scanner, 'CommaExpected');
      frame.needsComma = true;
      if (frame.kind === Open.Object) {
        if (token !== SyntaxKind.StringLiteral) fail(scanner, 'PropertyNameExpected');
        if (next(scanner) !== SyntaxKind.ColonToken) fail(scanner, 'ColonExpected');
        next(scanner);
      }
      if (!value()) fail(scanner, 'ValueExpected');
    }
    if ((scanner.getToken() as number) !== SyntaxKind.EOF) fail(scanner, 'EndOfFileExpected');
    return { error: null, depth };
  } catch (stop) {
    if (stop instanceof Stop) return { error: stop.error, depth };
    throw stop;
  }
}
