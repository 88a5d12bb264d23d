/** ASCII characters per token in the estimate (English text runs at about four). */
const ASCII_CHARS_PER_TOKEN = 4;

/**
 * A rough token count from characters: 4 ASCII characters per token, one token per other
 * character (CJK text runs at about one token per character).
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) ascii++;
    else if (c < 0xdc00 || c > 0xdfff) other++;
  }
  return Math.ceil(ascii / ASCII_CHARS_PER_TOKEN) + other;
}
