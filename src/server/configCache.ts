import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import { ConfigFiles, DEFAULT_SETTINGS, parseSettings, resolveLayers, type EditorSettings } from '../core/node/config';
import type { ResolvedConfig } from '../core/types';
import type { Locale } from '../core/messages';
import type { OpenDocument } from './documents';
import { describeDatasetConvention, withDatasetConvention } from '../core/trace/datasetConvention';

/** The configuration of a document: the editor settings it was worked out with, and a key naming it. */
export interface DocConfig {
  settings: EditorSettings;
  resolved: ResolvedConfig;
  key: string;
  /** The dataset convention assumed, in words (open documents). */
  assumed?: string;
}

/**
 * The server's configurations, worked out by src/core/node/config.ts (as the CLI and the
 * extension do) and kept until settings or a config file change: editor settings by URI,
 * config files by folder, resolved configurations by their inputs, and each document's.
 */
export class ConfigCache {
  /** Bumped whenever settings or a config file change: every result made before is stale. */
  generation = 0;
  capabilities: ClientCapabilities = {};
  /** The language of the messages the client is sent (set at initialize). */
  locale: Locale = 'en';
  /** The workspace folders (where the search for a config file stops). */
  roots: string[] = [];
  private global: EditorSettings = { ...DEFAULT_SETTINGS };
  readonly files = new ConfigFiles(() => this.roots, () => this.locale);
  private settingsByUri = new Map<string, Promise<EditorSettings>>();
  private resolved = new Map<string, ResolvedConfig>();
  private byDoc = new Map<string, DocConfig & { generation: number }>();

  constructor(private readonly connection: Connection) {}

  /** Settings pushed by the client (`didChangeConfiguration` with a `cotTrace` section). */
  setGlobal(section: unknown): void {
    this.global = parseSettings(section);
  }

  /** The editor settings for a URI (asked of the client when it can answer). */
  settingsFor(uri: string): Promise<EditorSettings> {
    if (!this.capabilities.workspace?.configuration) return Promise.resolve(this.global);
    let pending = this.settingsByUri.get(uri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'cotTrace' }).then(parseSettings, () => this.global);
      this.settingsByUri.set(uri, pending);
    }
    return pending;
  }

  /** The configuration of a file on disk or an open document (`uri`), its problems shown once per configuration. */
  async forPath(uri: string, fsPath: string | undefined): Promise<DocConfig> {
    const settings = await this.settingsFor(uri);
    const file = fsPath ? this.files.forFile(fsPath) : undefined;
    const key = JSON.stringify([settings.config, file?.file ?? null]);
    let resolved = this.resolved.get(key);
    if (!resolved) {
      const worked = resolveLayers({ editor: settings.config, file: file?.config }, this.locale);
      resolved = worked.config;
      this.resolved.set(key, resolved);
      // (The library sends these as requests: a client that does not answer must not cause an unhandled rejection.)
      for (const problem of [...(file?.problems ?? []), ...worked.problems]) Promise.resolve(this.connection.window.showWarningMessage(problem) as unknown).catch(() => undefined);
    }
    return { settings, resolved, key };
  }

  /** The configuration of an open document, kept until the generation changes. */
  async forDoc(doc: OpenDocument): Promise<DocConfig> {
    const known = this.byDoc.get(doc.uri);
    if (known && known.generation === this.generation) return known;
    const at = this.generation;
    const base = await this.forPath(doc.uri, doc.fsPath);
    // The dataset's dominant convention (from the document's first traces) judges its outliers.
    const dataset = doc.datasetConvention(base.resolved);
    const entry = {
      settings: base.settings,
      resolved: withDatasetConvention(base.resolved, dataset),
      key: dataset.convention ? `${base.key}|${dataset.convention}` : base.key,
      assumed: describeDatasetConvention(dataset, this.locale),
      generation: at,
    };
    if (at === this.generation) this.byDoc.set(doc.uri, entry);
    return entry;
  }

  /** Settings or a config file changed: forget everything. */
  changed(): void {
    this.generation++;
    this.settingsByUri.clear();
    this.resolved.clear();
    this.byDoc.clear();
    this.files.clear();
  }

  /** A document closed. */
  forget(uri: string): void {
    this.byDoc.delete(uri);
    this.settingsByUri.delete(uri);
  }
}
