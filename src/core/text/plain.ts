import type { MappedText } from '../types';

/**
 * A slice of a plain-text document: text offsets map to source offsets by a constant shift,
 * and text is written back unchanged.
 */
export function plainText(text: string, sourceStart = 0): MappedText {
  return {
    text,
    toSource: (offset: number) => sourceStart + Math.max(0, Math.min(offset, text.length)),
    encode: (value: string) => value,
  };
}
