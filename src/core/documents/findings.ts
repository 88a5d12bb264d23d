import type { MessageId, Text } from '../messages';
import type { Finding, Severity, SourceSpan } from '../types';

/**
 * Problems found while reading a document, before any rule runs. They are reported as
 * findings with these rule ids (documented in docs/reading.md).
 */
export const READER_RULES = {
  'invalid-json': { severity: 'error', description: 'A JSON Lines line or a JSON document is not valid JSON.' },
  'invalid-utf8': { severity: 'warning', description: 'The file holds bytes that are not valid UTF-8; they were read as U+FFFD.' },
  'no-trace': { severity: 'warning', description: 'A record holds no model output the reader recognises.' },
  'unsupported-document': { severity: 'error', description: 'The document is not a list of records (neither JSON Lines, a JSON array, nor an object holding one).' },
} as const satisfies Record<string, { severity: Severity; description: string }>;

export type ReaderRuleId = keyof typeof READER_RULES;

/** A reader's finding: `text` is a message of the catalogue (`msg(id, args)`). */
export function readerFinding(ruleId: ReaderRuleId, text: Text, span: SourceSpan, recordIndex?: number): Finding {
  const finding: Finding = { ruleId, message: text.message, l10n: text.l10n, severity: READER_RULES[ruleId].severity, span };
  if (recordIndex !== undefined) finding.recordIndex = recordIndex;
  return finding;
}

/** How a JSON value that is not an object or an array is named in messages (`a string`, …; null as `nullId` says). */
export function kindOf(value: unknown, nullId: 'kind.null' | 'kind.a-null'): MessageId {
  if (value === null) return nullId;
  return typeof value === 'number' ? 'kind.number' : typeof value === 'boolean' ? 'kind.boolean' : 'kind.string';
}
