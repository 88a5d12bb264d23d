/**
 * Splitting a decoded training sequence back into prompt and response.
 *
 * Trainers that call a remote reward (OpenRLHF's `--reward.remote_url`) send the *query*: the
 * prompt with the chat template applied, followed by the generated response, decoded with the
 * special tokens kept. So the query can carry a leading BOS or left padding, and a response that
 * ends in the end-of-turn / EOS token and padding. The rewards must see the response alone.
 */

/** End-of-sequence, end-of-turn and padding tokens of the common chat templates. */
export const END_TOKENS: readonly string[] = [
  '<|im_end|>', // Qwen, ChatML
  '<|endoftext|>', // Qwen, GPT-2 family
  '<｜end▁of▁sentence｜>', // DeepSeek (full-width bars)
  '<|end_of_sentence|>',
  '<|eot_id|>', // Llama 3
  '<|end_of_text|>',
  '<|eom_id|>',
  '<end_of_turn>', // Gemma
  '<eos>',
  '<|end|>', // Phi-3
  '<|return|>', // gpt-oss
  '</s>', // Llama 2, Mistral
  '<|pad|>',
  '<pad>',
  '[PAD]',
  '<|finetune_right_pad_id|>',
];

/** Start-of-sequence tokens that may lead a query but not a plain prompt. */
export const START_TOKENS: readonly string[] = ['<｜begin▁of▁sentence｜>', '<|begin_of_sentence|>', '<|begin_of_text|>', '<|startoftext|>', '<bos>', '<s>'];

/**
 * Openers of the assistant turn, most specific first. When the prompt cannot be found in the
 * query, the response starts after the last of these.
 */
export const ASSISTANT_OPENERS: readonly string[] = [
  '<|im_start|>assistant\n',
  '<|start_header_id|>assistant<|end_header_id|>\n\n',
  '<｜Assistant｜>',
  '<|Assistant|>',
  '<start_of_turn>model\n',
  '<|assistant|>\n',
  '<|assistant|>',
  '<|start|>assistant',
  '[/INST]',
  '\nAssistant:',
];

export interface SplitQuery {
  /** The response: the query after the prompt, without trailing EOS / pad tokens. */
  response: string;
  /** How it was found: the prompt leads the query, appears inside it, by an assistant opener, or not at all. */
  how: 'prefix' | 'inside' | 'opener' | 'whole';
}

/** Removes the given tokens (and whitespace between them) from the end of `text`. */
export function stripTrailingTokens(text: string, tokens: readonly string[] = END_TOKENS): string {
  let end = text.length;
  for (;;) {
    let moved = false;
    for (const token of tokens) {
      if (end >= token.length && text.startsWith(token, end - token.length)) {
        end -= token.length;
        moved = true;
      }
    }
    // Whitespace between trailing tokens goes with them; whitespace of the response itself stays
    // unless a token followed it.
    let e = end;
    while (e > 0 && /\s/.test(text[e - 1])) e--;
    if (e !== end && tokens.some((t) => e >= t.length && text.startsWith(t, e - t.length))) {
      end = e;
      moved = true;
    }
    if (!moved) break;
  }
  return text.slice(0, end);
}

/** Removes padding and start-of-sequence tokens from the start of `text`. */
export function stripLeadingTokens(text: string): string {
  const tokens = [...END_TOKENS, ...START_TOKENS];
  let start = 0;
  for (;;) {
    const token = tokens.find((t) => text.startsWith(t, start));
    if (!token) break;
    start += token.length;
  }
  return text.slice(start);
}

/**
 * Splits the response off a query, given the prompt it started with (when known).
 *
 * 1. Padding and BOS are dropped from the front of both the query and the prompt, and the
 *    prompt is looked for at the start of the query, then (its last occurrence) inside it.
 * 2. Failing that, the response starts after the last assistant-turn opener of a known template.
 * 3. Failing that, the whole query is the response.
 *
 * Trailing EOS, end-of-turn and pad tokens are removed from the response in every case.
 */
export function splitQuery(query: string, prompt?: string | null): SplitQuery {
  const q = stripLeadingTokens(query);
  const p = typeof prompt === 'string' ? stripLeadingTokens(prompt) : '';
  if (p) {
    if (q.startsWith(p)) return { response: stripTrailingTokens(q.slice(p.length)), how: 'prefix' };
    const at = q.lastIndexOf(p);
    if (at >= 0) return { response: stripTrailingTokens(q.slice(at + p.length)), how: 'inside' };
    // Tokenizers may not give back the prompt's trailing whitespace exactly.
    const trimmed = p.trimEnd();
    if (trimmed && q.startsWith(trimmed)) return { response: stripTrailingTokens(q.slice(trimmed.length).replace(/^\s+/, '')), how: 'prefix' };
  }
  let best = -1;
  let length = 0;
  for (const opener of ASSISTANT_OPENERS) {
    const at = q.lastIndexOf(opener);
    if (at > best) {
      best = at;
      length = opener.length;
    }
  }
  if (best >= 0) return { response: stripTrailingTokens(q.slice(best + length)), how: 'opener' };
  return { response: stripTrailingTokens(q), how: 'whole' };
}
