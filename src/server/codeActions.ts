import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modify } from 'jsonc-parser';
import { CodeActionKind, type ClientCapabilities, type CodeAction, type CodeActionParams, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config/load';
import { formatMessage, localizeFix } from '../core/messages';
import type { ConfigCache } from './configCache';
import type { OpenDocument } from './documents';
import { FIX_ALL_KIND, SOURCE, findingsIn, fixEdits, safeFixEdits, showDocsAction } from './features';

/** How a created or edited config file is formatted. */
const CONFIG_FORMATTING = { insertSpaces: true, tabSize: 2, eol: '\n' };

/** A WorkspaceEdit for edits to an open document, tied to its version when the client supports it. */
function editFor(capabilities: ClientCapabilities, doc: OpenDocument, edits: TextEdit[]): WorkspaceEdit {
  if (capabilities.workspace?.workspaceEdit?.documentChanges) {
    const change: TextDocumentEdit = { textDocument: { uri: doc.uri, version: doc.version }, edits };
    return { documentChanges: [change] };
  }
  return { changes: { [doc.uri]: edits } };
}

/** Sets the rule to "off" in the nearest config file (created in the workspace root when there is none). */
function disableRuleEdit(configs: ConfigCache, doc: OpenDocument, ruleId: string): { edit: WorkspaceEdit; file: string } | undefined {
  const fsPath = doc.fsPath;
  if (!fsPath) return undefined;
  const capabilities = configs.capabilities;
  const existing = configs.files.forFile(fsPath)?.file;
  const root = configs.roots.find((r) => fsPath.startsWith(r + '/')) ?? dirname(fsPath);
  const file = existing ?? join(root, CONFIG_FILE_NAME);
  const uri = pathToFileURL(file).href;
  const docChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
  if (existing) {
    let text: string;
    try {
      text = readFileSync(existing, 'utf8');
    } catch {
      return undefined;
    }
    const config = TextDocument.create(uri, 'json', 0, text);
    const edits = modify(text, ['rules', ruleId], 'off', { formattingOptions: CONFIG_FORMATTING }).map((e) => ({
      range: { start: config.positionAt(e.offset), end: config.positionAt(e.offset + e.length) },
      newText: e.content,
    }));
    return { file, edit: docChanges ? { documentChanges: [{ textDocument: { uri, version: null }, edits }] } : { changes: { [uri]: edits } } };
  }
  if (!docChanges || !capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create')) return undefined;
  const content = `${JSON.stringify({ rules: { [ruleId]: 'off' } }, null, CONFIG_FORMATTING.tabSize)}\n`;
  const start = { line: 0, character: 0 };
  return {
    file,
    edit: {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: content }] },
      ],
    },
  };
}

/** The code actions for a range of a linted document: fix all, each finding's fixes, disable its rule, show its page. */
export function codeActions(configs: ConfigCache, doc: OpenDocument, params: CodeActionParams): CodeAction[] {
  const { capabilities, locale } = configs;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(FIX_ALL_KIND)) {
    const edits = safeFixEdits(doc);
    if (edits.length) actions.push({ title: formatMessage('server.fix-all', undefined, locale), kind: FIX_ALL_KIND, edit: editFor(capabilities, doc, edits) });
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;
  const seenRules = new Set<string>();
  const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
  for (const { record, finding, range } of findingsIn(doc, params.range)) {
    const diagnostics = ours.filter((d) => d.code === finding.ruleId && d.range.start.line === range.start.line && d.range.start.character === range.start.character);
    finding.fixes?.forEach((fix, i) => {
      actions.push({ title: localizeFix(fix, locale), kind: CodeActionKind.QuickFix, diagnostics, isPreferred: fix.safe, edit: editFor(capabilities, doc, fixEdits(doc, record, finding, i)) });
    });
    if (seenRules.has(finding.ruleId)) continue;
    seenRules.add(finding.ruleId);
    const disable = disableRuleEdit(configs, doc, finding.ruleId);
    if (disable) {
      const where = disable.file.split(/[\\/]/).slice(-2).join('/');
      actions.push({ title: formatMessage('server.disable-rule', { rule: finding.ruleId, file: where }, locale), kind: CodeActionKind.QuickFix, diagnostics, edit: disable.edit });
    }
    actions.push(showDocsAction(finding.ruleId, diagnostics, locale));
  }
  return actions;
}
