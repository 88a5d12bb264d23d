/**
 * The only place the server reaches into the engine: reading documents, resolving the
 * configuration and checking records all come from src/core.
 */
import { resolveConfig } from '../core/config/resolve';
import type { CotTraceConfig, ResolvedConfig } from '../core/config/types';
import { readJsonlLine } from '../core/documents';
import { checkRecord } from '../core/engine';
import type { RecordChecker } from '../core/incremental';
import type { Finding, RecordInput, RecordResult } from '../core/types';

export { resolveConfig };
export type { CotTraceConfig, ResolvedConfig };

const checkers = new WeakMap<ResolvedConfig, { full: RecordChecker; lint: RecordChecker }>();

/**
 * A checker that never throws: an engine failure on a record becomes a finding on it.
 * With `rewards: false` it only runs the rules (about twice as fast; rewards are null).
 */
export function makeChecker(config: ResolvedConfig, options: { rewards?: boolean } = {}): RecordChecker {
  let pair = checkers.get(config);
  if (!pair) {
    pair = { full: checker(config, true), lint: checker(config, false) };
    checkers.set(config, pair);
  }
  return options.rewards === false ? pair.lint : pair.full;
}

function checker(config: ResolvedConfig, rewards: boolean): RecordChecker {
  return (record: RecordInput): RecordResult => {
    if (!record.traces.length) {
      return { index: record.index, line: record.line, span: record.span, traces: [], findings: record.problems, ...(record.id !== undefined ? { id: record.id } : {}) };
    }
    try {
      return checkRecord(record, config, { rewards });
    } catch (error) {
      const finding: Finding = {
        ruleId: 'internal-error',
        severity: 'error',
        message: `The checks failed on this record: ${error instanceof Error ? error.message : String(error)}`,
        span: { start: record.span.start, end: Math.min(record.span.end, record.span.start + 1) },
        recordIndex: record.index,
      };
      return { index: record.index, line: record.line, span: record.span, traces: [], findings: [...record.problems, finding] };
    }
  };
}

/** Reads one JSON Lines record with offsets relative to its line. */
export function lineReader(config: ResolvedConfig): (text: string, context: { index: number; line: number }) => RecordInput {
  const fields = config.fields;
  return (text, context) => readJsonlLine(text, { index: context.index, line: context.line, offset: 0, fields });
}

export function resolve(config: CotTraceConfig): ResolvedConfig {
  return resolveConfig(config);
}
