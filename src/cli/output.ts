import { READER_RULES } from '../core/documents/findings';
import { RULES } from '../core/rules';
import { answerExplanation } from '../core/breakdown';
import type { LocatedFinding, ScoredTrace } from '../core/batch';
import { localizeFinding, type Locale } from '../core/messages';

export type LintFormat = 'text' | 'json' | 'sarif';

/** `file:line:col: severity message [rule-id]` */
export function textLine(file: string, f: LocatedFinding, locale: Locale = 'en'): string {
  // The message in the locale; the place, the severity and the rule id stay as tools read them.
  const message = localizeFinding(f, locale);
  // A Parquet or Arrow record has no line: it is named by its number and column.
  if (f.rowGroup !== undefined) return `${file}: record ${f.record}${f.field ? `, column ${f.field}` : ''}: ${f.severity} ${message} [${f.ruleId}]`;
  return `${file}:${f.line}:${f.column}: ${f.severity} ${message} [${f.ruleId}]`;
}

/** One JSON object per finding (JSON Lines). */
export function jsonLine(file: string, f: LocatedFinding, localized?: Locale): string {
  // The message's id and arguments are for rendering it; the JSON keeps the English message,
  // and adds the message in the language `--lang` asked for (never from the environment).
  const { l10n: _l10n, ...finding } = f;
  return JSON.stringify({ file, ...finding, ...(localized && localized !== 'en' ? { localizedMessage: localizeFinding(f, localized) } : {}) });
}

/**
 * One JSON object per scored trace, rewards in the documented order; with `explain`, how the
 * answer was checked: the English `reason` and `explanation`, and with `localized` (what `--lang`
 * asked for) the explanation in that language too, as `localizedExplanation`.
 */
export function scoreLine(s: ScoredTrace, explain = false, localized?: Locale): string {
  const out: Record<string, unknown> = { record: s.record, line: s.line };
  if (s.id !== undefined) out.id = s.id;
  if (s.trace !== undefined) out.trace = s.trace;
  out.rewards = s.rewards;
  out.total = s.total;
  if (explain && s.answer) {
    const { why: _why, ...answer } = s.answer;
    out.answer = { ...answer, explanation: answerExplanation(s.answer), ...(localized && localized !== 'en' ? { localizedExplanation: answerExplanation(s.answer, false, localized) } : {}) };
  }
  return JSON.stringify(out);
}

interface RuleDescriptor {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration?: { level: string };
  properties?: { tags: string[] };
}

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

/** Rule descriptors for SARIF: the engine's rules and the reader's own findings. */
export function sarifRules(): RuleDescriptor[] {
  const rules: RuleDescriptor[] = [];
  for (const { meta } of RULES) {
    const descriptor: RuleDescriptor = { id: meta.id, shortDescription: { text: meta.description || meta.title || meta.id } };
    if (LEVEL[meta.severity]) descriptor.defaultConfiguration = { level: LEVEL[meta.severity] };
    if (meta.tags?.length) descriptor.properties = { tags: [...meta.tags] };
    rules.push(descriptor);
  }
  for (const [id, rule] of Object.entries(READER_RULES)) {
    rules.push({ id, shortDescription: { text: rule.description }, defaultConfiguration: { level: LEVEL[rule.severity] } });
  }
  rules.push({ id: 'internal-error', shortDescription: { text: 'The checks failed on a record.' }, defaultConfiguration: { level: 'error' } });
  return rules;
}

/**
 * A SARIF 2.1.0 log written piece by piece: the head (tool and rules), results as they
 * come, then the tail — so big inputs never hold every result in memory.
 */
export class SarifWriter {
  private first = true;
  private readonly index = new Map<string, number>();
  constructor(
    private readonly write: (chunk: string) => void,
    version: string,
  ) {
    const rules = sarifRules();
    rules.forEach((rule, i) => this.index.set(rule.id, i));
    const driver = { name: 'cot-trace', version, informationUri: 'https://example.invalid/cot-trace', rules };
    write(`{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":${JSON.stringify(driver)}},"results":[`);
  }

  result(file: string, f: LocatedFinding): void {
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity] ?? 'warning',
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(file) },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      properties: { record: f.record, ...(f.trace !== undefined ? { trace: f.trace } : {}), ...(f.field !== undefined ? { field: f.field } : {}), ...(f.rowGroup !== undefined ? { rowGroup: f.rowGroup } : {}) },
    };
    const i = this.index.get(f.ruleId);
    if (i !== undefined) result.ruleIndex = i;
    this.write((this.first ? '\n' : ',\n') + JSON.stringify(result));
    this.first = false;
  }

  end(): void {
    this.write('\n]}]}\n');
  }
}

function toUri(file: string): string {
  if (file === '-') return 'stdin';
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
