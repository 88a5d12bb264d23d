/**
 * Messages the CoT Trace server speaks besides standard LSP. Shared by the server and the
 * VS Code client; other editors may ignore them.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { InferredField } from '../core/documents/inferred';

/** What the client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Base URL of the rule documentation (`<base>/<rule-id>.md`). Default: docs/rules next to the server bundle. */
  docsBaseUrl?: string;
  /**
   * Split each document's diagnostics over this many pull providers (registered with the
   * identifiers `cot-trace:0` … `cot-trace:N-1`), so that an edit in a big dataset resends
   * only the part it changed. For clients that keep one diagnostic collection per provider
   * identifier (vscode-languageclient); needs dynamic registration of `textDocument/diagnostic`.
   */
  diagnosticShards?: number;
  /**
   * The language of the messages (diagnostics, hovers, code lenses, code action titles): an
   * editor's language tag such as `zh-cn` (Simplified Chinese) or `en`. Without it, the
   * `locale` of the LSP `initialize` request; without that, English.
   */
  locale?: string;
}

/** Sent after every lint of an open document: feeds the language status item. */
export interface DocumentSummary {
  uri: string;
  /** Whether the server checks this document (false: a JSON file that holds no traces). */
  active: boolean;
  kind: 'jsonl' | 'json' | 'cot';
  records: number;
  /** Records checked so far (less than `records` while a long lint runs). */
  checked: number;
  /** Most common trace convention, with its share of traces. */
  convention: string | null;
  conventionShare: number;
  /** Which convention the dataset's outliers were judged against (see src/core/trace/datasetConvention.ts). */
  assumed?: string;
  /** Mean total reward over the traces checked, or null. */
  meanReward: number | null;
  findings: { error: number; warning: number; info: number };
  /** When no known key held the traces: the field the reader chose by what the values hold (src/core/documents/inferred.ts). */
  inferred?: InferredField;
}
export const DocumentSummaryNotification = new NotificationType<DocumentSummary>('cotTrace/documentSummary');

/** The reward breakdown of a record (Markdown), as the hover shows it. */
export interface BreakdownParams {
  uri: string;
  /** 0-based record index. */
  record: number;
}
export const BreakdownRequest = new RequestType<BreakdownParams, { markdown: string } | null, void>('cotTrace/breakdown');

/** Lints files or folders from disk (files too big to open, whole folders) and publishes their diagnostics. */
export interface LintFilesParams {
  /** File system paths or `file:` URIs of files and folders. */
  paths: string[];
  /** Progress token created by the client (`$/progress` with WorkDoneProgress values). */
  workDoneToken?: string | number;
}
export interface LintFilesResult {
  files: number;
  records: number;
  findings: { error: number; warning: number; info: number };
  cancelled: boolean;
  /** Files that could not be read, with the reason. */
  failures: Array<{ path: string; message: string }>;
}
export const LintFilesRequest = new RequestType<LintFilesParams, LintFilesResult, void>('cotTrace/lintFiles');

/** Server-side commands (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  /** Arguments: rule id. Opens the rule's documentation through `window/showDocument`. */
  showRuleDocumentation: 'cotTrace.server.showRuleDocumentation',
} as const;

/** Client-side command the CodeLens runs; arguments: document URI, record index. */
export const SHOW_BREAKDOWN_COMMAND = 'cotTrace.showBreakdown';
