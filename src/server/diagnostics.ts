import {
  CodeLensRefreshRequest,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type InitializeParams,
} from 'vscode-languageserver';
import type { ConfigCache } from './configCache';
import type { OpenDocument, Shard } from './documents';
import { diagnosticsFingerprint, jsonlReport, limitDiagnostics, SOURCE, toDiagnostics, type DocsUrl } from './features';
import type { InitializationOptions } from './protocol';
import type { LintScheduler } from './scheduler';
import { withPieces } from './prebuilt';
import type { EditorSettings } from '../core/node/config';
import type { Locale } from '../core/messages';

/**
 * A document's whole report (pushed, or pulled from one provider), carrying each record's JSON
 * (see prebuilt.ts); at most `settings.maxProblemsPerReport` problems (see limitDiagnostics), so
 * that what the client parses after each edit stays bounded however large the dataset.
 */
export function pushedDiagnostics(doc: OpenDocument, settings: EditorSettings, docsUrl: DocsUrl, locale: Locale = 'en'): Diagnostic[] {
  const pieces: Buffer[] = [];
  // JSON Lines: from what is kept per line, brought up to date from the edits.
  const lines = doc.jsonlLines;
  if (lines) return withPieces(jsonlReport(doc, lines, settings, docsUrl, settings.maxProblemsPerReport, pieces, locale), pieces);
  const all = toDiagnostics(doc, settings, docsUrl, undefined, pieces, locale);
  const limit = settings.maxProblemsPerReport;
  if (!(limit > 0) || all.length <= limit) return withPieces(all, pieces);
  const cut: Buffer[] = [];
  return withPieces(limitDiagnostics(doc, all, limit, cut, locale), cut);
}

/** Most diagnostic shards a client may ask for. */
const MAX_SHARDS = 64;
/** Pause after a change before linting in push mode. */
const PUSH_DEBOUNCE_MS = 150;

const EMPTY_REPORT: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };

/**
 * A document's diagnostics, to the client: pulled (`textDocument/diagnostic`, optionally
 * split over several providers, see Shard) when the client supports it, pushed
 * (`publishDiagnostics`, debounced) otherwise; in on-save mode, the diagnostics as of the
 * last save.
 */
export class Diagnostics {
  /** Whether the client pulls diagnostics. */
  pull = false;
  /** Number of diagnostic providers a document's diagnostics are split over (0: one static provider). */
  shards = 0;
  /**
   * Rule pages for the diagnostics' `codeDescription`: only to a client that says it shows
   * them (`codeDescriptionSupport`); to others the link is bytes they parse and never use.
   */
  private diagnosticDocs: DocsUrl = () => undefined;
  private pushTimers = new Map<string, NodeJS.Timeout>();
  /** Diagnostics as of the last lint in on-save mode, by URI and shard. */
  private saved = new Map<string, { id: string; items: Diagnostic[] }>();
  /** Files whose diagnostics were pushed by a lint from disk. */
  private fromDisk = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly docs: ReadonlyMap<string, OpenDocument>,
    private readonly configs: ConfigCache,
    private readonly scheduler: LintScheduler,
    private readonly docsUrl: (ruleId: string) => string,
  ) {}

  /** Rule pages for `codeDescription`, or none when the client does not show them. */
  get docsLinks(): DocsUrl {
    return this.diagnosticDocs;
  }

  /** Reads what the client supports; returns the static provider to announce, if any. */
  initialize(params: InitializeParams): { diagnosticProvider?: { identifier: string; interFileDependencies: false; workspaceDiagnostics: false } } {
    const diagnostic = params.capabilities.textDocument?.diagnostic;
    this.pull = !!diagnostic;
    const published = params.capabilities.textDocument?.publishDiagnostics;
    // LSP 3.17 says it under publishDiagnostics (for pulled diagnostics too); 3.18 also under diagnostic.
    const linked = published?.codeDescriptionSupport === true || (diagnostic as { codeDescriptionSupport?: boolean } | undefined)?.codeDescriptionSupport === true;
    this.diagnosticDocs = linked ? this.docsUrl : () => undefined;
    const asked = Number((params.initializationOptions as InitializationOptions | undefined)?.diagnosticShards ?? 0);
    this.shards = this.pull && diagnostic?.dynamicRegistration && Number.isInteger(asked) && asked > 1 ? Math.min(asked, MAX_SHARDS) : 0;
    return this.pull && !this.shards ? { diagnosticProvider: { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {};
  }

  /** Registers one pull provider per shard (once the client is initialized). */
  registerShards(): void {
    for (let index = 0; index < this.shards; index++) {
      this.connection.client
        .register(DocumentDiagnosticRequest.type, { documentSelector: null, identifier: `${SOURCE}:${index}`, interFileDependencies: false, workspaceDiagnostics: false })
        .catch((error: Error) => this.connection.console.log(`Registering diagnostic provider ${index} failed: ${error.message}`));
    }
  }

  /** The shard a pull provider identifier stands for (undefined: the whole document). */
  private shardOf(identifier: string | undefined): Shard | undefined {
    if (!this.shards || !identifier?.startsWith(`${SOURCE}:`)) return undefined;
    const index = Number(identifier.slice(SOURCE.length + 1));
    return Number.isInteger(index) && index >= 0 && index < this.shards ? { index, count: this.shards } : undefined;
  }

  private forgetSaved(uri: string): void {
    for (const key of [...this.saved.keys()]) if (key === uri || key.startsWith(`${uri}#`)) this.saved.delete(key);
  }

  /** Answers a pull: "unchanged" when the client has these diagnostics (same result id). */
  async pulled(params: DocumentDiagnosticParams, token: { isCancellationRequested: boolean }): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const doc = this.docs.get(uri);
    if (!doc) return EMPTY_REPORT;
    const shard = this.shardOf(params.identifier);
    const savedKey = shard ? `${uri}#${shard.index}` : uri;
    const { settings } = await this.configs.forDoc(doc);
    const onSave = settings.run === 'onSave';
    const saved = onSave ? this.saved.get(savedKey) : undefined;
    if (saved) return saved.id === params.previousResultId ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: saved.id } : { kind: DocumentDiagnosticReportKind.Full, resultId: saved.id, items: saved.items };
    await this.scheduler.ensureLinted(doc);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
    if (!this.docs.has(uri)) return EMPTY_REPORT;
    // The result id says what the report holds: the same id means the same diagnostics, so
    // they are built only when the client does not have them (or to keep them for on-save).
    const resultId = `${this.configs.generation}:${doc.active ? diagnosticsFingerprint(doc, settings, shard) : 'inactive'}`;
    if (!onSave && params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    // One report for the whole document: written from each record's JSON, as pushed ones are.
    const items = !doc.active ? [] : shard ? toDiagnostics(doc, settings, this.diagnosticDocs, shard, undefined, this.configs.locale) : pushedDiagnostics(doc, settings, this.diagnosticDocs, this.configs.locale);
    if (onSave) this.saved.set(savedKey, { id: resultId, items });
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** Lints and pushes a document's diagnostics after `delay` (push mode). */
  schedulePush(doc: OpenDocument, delay = PUSH_DEBOUNCE_MS): void {
    clearTimeout(this.pushTimers.get(doc.uri));
    this.pushTimers.set(
      doc.uri,
      setTimeout(async () => {
        this.pushTimers.delete(doc.uri);
        const version = doc.version;
        await this.scheduler.ensureLinted(doc);
        if (!this.docs.has(doc.uri) || doc.version !== version) return;
        const { settings } = await this.configs.forDoc(doc);
        this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: doc.active ? pushedDiagnostics(doc, settings, this.diagnosticDocs, this.configs.locale) : [] });
      }, delay),
    );
  }

  /** Every result is stale (settings or a config file changed): the client asks again, or gets them pushed. */
  refreshAll(codeLensRefresh: boolean): void {
    if (this.pull) {
      this.saved.clear();
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      for (const doc of this.docs.values()) this.schedulePush(doc, 0);
    }
    if (codeLensRefresh) this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  opened(doc: OpenDocument): void {
    if (this.fromDisk.delete(doc.uri) && this.pull) this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    if (!this.pull) this.schedulePush(doc, 0);
  }

  async changed(doc: OpenDocument): Promise<void> {
    if (this.pull) return; // the client pulls
    const { settings } = await this.configs.forDoc(doc);
    if (settings.run === 'onType') this.schedulePush(doc);
  }

  async onSaved(doc: OpenDocument): Promise<void> {
    const { settings } = await this.configs.forDoc(doc);
    if (settings.run !== 'onSave') return;
    if (this.pull) {
      this.forgetSaved(doc.uri);
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    } else this.schedulePush(doc, 0);
  }

  closed(uri: string): void {
    this.forgetSaved(uri);
    clearTimeout(this.pushTimers.get(uri));
    if (!this.pull) this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Diagnostics of a file linted from disk. */
  publishFromDisk(uri: string, diagnostics: Diagnostic[]): void {
    this.fromDisk.add(uri);
    this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
