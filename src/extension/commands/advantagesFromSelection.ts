import * as vscode from 'vscode';
import type { ResolvedConfig } from '../../core/types';
import { configForUri } from '../config';
import { formatAdvantage } from '../../core/grpo/format';
import { PRESET_NAMES, PRESETS, type PresetName } from '../../core/grpo/advantages';
import { optionsText, stateFromNumbers, type CalcGroup, type ToPage } from '../../core/grpo/panel';
import { candidateFields, recordAdvantages, type GroupBy, type RecordAdvantages } from '../../core/grpo/records';
import { parseSelection } from '../../core/grpo/selection';
import { localeOf, localizeFinding } from '../../core/messages';
import { REWARD_NAMES } from '../../core/types';
import { readDocument } from '../../core/documents';

/**
 * `cotTrace.advantagesFromSelection`: selected numbers, or selected dataset records scored by
 * the engine, become GRPO groups shown in the calculator; records also get an inline
 * `A = +0.87` hint until the document changes or "Clear Advantage Hints" runs.
 */
type Show = (state: ToPage['state'], note?: string) => void;

const HINT_CONTEXT = 'cotTrace.advantageHints';

function configFor(document: vscode.TextDocument): ResolvedConfig {
  return configForUri(document.uri).config;
}

/** The normalisation chosen in `cotTrace.grpo.preset` (TRL when unset or unknown). */
function presetFor(document: vscode.TextDocument): PresetName {
  const value = vscode.workspace.getConfiguration('cotTrace', document.uri).get<string>('grpo.preset');
  return (PRESET_NAMES as readonly string[]).includes(value ?? '') ? (value as PresetName) : 'trl';
}

/** Preset names for the hover (a function: the translations are loaded when the extension activates). */
const presetLabel = (preset: PresetName): string =>
  ({ trl: 'TRL', verl: 'verl', 'dr-grpo': 'Dr. GRPO', paper: vscode.l10n.t('paper formula'), openrlhf: 'OpenRLHF' })[preset];

/** The selected text, widened to whole lines for records; an empty selection means the whole document. */
function selectedRange(editor: vscode.TextEditor): vscode.Range {
  const selection = editor.selection;
  if (selection.isEmpty) {
    const doc = editor.document;
    return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  }
  return selection;
}

function wholeLines(document: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return new vscode.Range(range.start.line, 0, end, document.lineAt(end).text.length);
}

/** Asks how to group single-trace records (records holding `generations` are one group each). */
async function pickGrouping(text: string, fileName: string, kind: 'jsonl' | 'json'): Promise<GroupBy | undefined> {
  const records = readDocument(text, fileName, { kind });
  if (records.length && records.every((r) => r.traces.length > 1)) return { by: 'record' };
  type Item = vscode.QuickPickItem & { value: GroupBy };
  const items: Item[] = [
    { label: vscode.l10n.t('By prompt'), description: vscode.l10n.t('outputs of the same prompt form a group'), value: { by: 'prompt' } },
    { label: vscode.l10n.t('One group per record'), description: vscode.l10n.t('a record with generations is a group; others stand alone'), value: { by: 'record' } },
    // Text fields only, the field holding the detected prompt first.
    ...candidateFields(text, records).map((field, i): Item => ({
      label: vscode.l10n.t('By field: {0}', field),
      description: i === 0 && promptField(text, records) === field ? vscode.l10n.t('the detected prompt') : vscode.l10n.t('records with the same value form a group'),
      value: { by: 'field', field },
    })),
  ];
  const item = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('CoT Trace: Group the selected traces'), placeHolder: vscode.l10n.t('Records with generations are always one group each') });
  return item?.value;
}

/** The top-level field holding the first record's detected prompt, if it is one. */
function promptField(text: string, records: ReturnType<typeof readDocument>): string | undefined {
  const record = records.find((r) => r.prompt);
  if (!record?.prompt) return undefined;
  try {
    const value = JSON.parse(text.slice(record.span.start, record.span.end)) as Record<string, unknown>;
    return Object.keys(value).find((k) => typeof value[k] === 'string' && (value[k] as string).trim() === record.prompt!.text.trim());
  } catch {
    return undefined;
  }
}

export function registerAdvantagesFromSelection(context: vscode.ExtensionContext, show: Show): void {
  const hints = new AdvantageHints();
  context.subscriptions.push(
    hints,
    vscode.commands.registerCommand('cotTrace.advantagesFromSelection', () => advantagesFromSelection(show, hints)),
    vscode.commands.registerCommand('cotTrace.clearAdvantageHints', () => hints.clear()),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => hints.apply(editor))),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length && hints.has(event.document.uri.toString())) hints.clear(event.document.uri.toString());
    }),
    vscode.workspace.onDidCloseTextDocument((document) => hints.forget(document.uri.toString())),
  );
}

/** The inline `A = …` hints of each document, shown in every visible editor of it. */
class AdvantageHints implements vscode.Disposable {
  // The hint goes where the record starts, so it shows on records longer than the screen
  // without word wrap.
  private readonly type = vscode.window.createTextEditorDecorationType({
    before: { margin: '0 1em 0 0', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly byUri = new Map<string, vscode.DecorationOptions[]>();

  apply(editor: vscode.TextEditor): void {
    editor.setDecorations(this.type, this.byUri.get(editor.document.uri.toString()) ?? []);
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Drops a closed document's hints. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** Removes the hints of one document, or of every document. */
  clear(uri?: string): void {
    if (uri) this.byUri.delete(uri);
    else this.byUri.clear();
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
    void vscode.commands.executeCommand('setContext', HINT_CONTEXT, this.byUri.size > 0);
  }

  /** Hints each record of `result` with its advantages. */
  set(document: vscode.TextDocument, result: RecordAdvantages, preset: PresetName): void {
    const byRecord = new Map<number, { start: number; values: number[] }>();
    result.groups.forEach((g, gi) =>
      g.outputs.forEach((o, oi) => {
        const entry = byRecord.get(o.recordIndex) ?? { start: o.recordSpan.start, values: [] };
        entry.values.push(result.result.groups[gi].advantages[oi]);
        byRecord.set(o.recordIndex, entry);
      }),
    );
    const options: vscode.DecorationOptions[] = [];
    for (const { start, values } of byRecord.values()) {
      const at = document.positionAt(start);
      const positive = values.length === 1 && values[0] > 0;
      const negative = values.length === 1 && values[0] < 0;
      options.push({
        range: new vscode.Range(at, at),
        hoverMessage: new vscode.MarkdownString(vscode.l10n.t('GRPO advantage of this output in its group ({0} normalisation, setting `cotTrace.grpo.preset`). Run **{1}** to remove.', presetLabel(preset), vscode.l10n.t('CoT Trace: Clear Advantage Hints'))),
        renderOptions: {
          before: {
            contentText: `A = ${values.map((v) => formatAdvantage(v)).join(', ')}`,
            color: new vscode.ThemeColor(positive ? 'charts.green' : negative ? 'charts.red' : 'editorCodeLens.foreground'),
          },
        },
      });
    }
    this.byUri.set(document.uri.toString(), options);
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
    void vscode.commands.executeCommand('setContext', HINT_CONTEXT, true);
  }

  dispose(): void {
    this.type.dispose();
  }
}

/** The command: the selected numbers or records, as groups in the calculator. */
async function advantagesFromSelection(show: Show, hints: AdvantageHints): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('CoT Trace: select rewards (e.g. "0, 1, 1, 0") or dataset records in an editor first.'));
    return;
  }
  const document = editor.document;
  const range = selectedRange(editor);
  const text = document.getText(range);
  const parsed = parseSelection(text);
  if (parsed.kind === 'empty') {
    void vscode.window.showInformationMessage(vscode.l10n.t('CoT Trace: the selection is empty: select rewards or dataset records.'));
    return;
  }
  if (parsed.kind === 'invalid') {
    // The reader's message in VS Code's display language (its catalogue has both).
    void vscode.window.showWarningMessage(vscode.l10n.t('CoT Trace: {0}', localizeFinding(parsed, localeOf(vscode.env.language))));
    return;
  }
  if (parsed.kind === 'numbers') {
    const count = parsed.groups.reduce((n, g) => n + g.length, 0);
    const preset = presetFor(document);
    show({ ...stateFromNumbers(parsed.groups, localeOf(vscode.env.language)), preset, options: optionsText(PRESETS[preset]) }, parsed.groups.length > 1 ? vscode.l10n.t('{0} rewards in {1} groups', count, parsed.groups.length) : vscode.l10n.t('{0} rewards in 1 group', count));
    return;
  }
  // Records: whole lines, placed in the document so rows can jump back.
  const lines = wholeLines(document, range);
  let recordText = document.getText(lines);
  let offset = document.offsetAt(lines.start);
  const kind = /\.jsonl$/i.test(document.fileName) || document.languageId === 'jsonl' || recordText.split('\n').every((l) => !l.trim() || l.trim().startsWith('{')) ? 'jsonl' : 'json';
  if (kind === 'json' && !recordText.trimStart().startsWith('[')) {
    // Objects selected inside a JSON array: read them as an array of their own.
    recordText = '[' + recordText.replace(/,\s*$/, '') + ']';
    offset -= 1;
  }
  const groupBy = await pickGrouping(recordText, document.fileName, kind);
  if (!groupBy) return;
  const config = configFor(document);
  const preset = presetFor(document);
  const result = recordAdvantages(recordText, document.fileName, config, PRESETS[preset], groupBy, { offset, firstLine: lines.start.line, kind });
  if (!result.groups.length) {
    const first = result.skipped[0];
    void vscode.window.showWarningMessage(
      first
        ? vscode.l10n.t('CoT Trace: no trace found in the selected records (line {0}: {1}).', first.line + 1, first.message)
        : vscode.l10n.t('CoT Trace: no trace found in the selected records.'),
    );
    return;
  }
  hints.set(document, result, preset);
  show({ ...recordState(result, config, document.uri.toString()), preset, options: optionsText(PRESETS[preset]) }, `${result.groups.length} group${result.groups.length > 1 ? 's' : ''} from ${result.groups.reduce((n, g) => n + g.outputs.length, 0)} traces${result.skipped.length ? `, ${result.skipped.length} records skipped` : ''}`);
}

/** The calculator state of scored records: one column per reward that occurs, with the config's weights. */
function recordState(result: RecordAdvantages, config: ResolvedConfig, uri: string): ToPage['state'] {
  const used = REWARD_NAMES.filter((name) => result.groups.some((g) => g.outputs.some((o) => o.rewards[name] !== null)));
  const columns = used.map((name) => ({ name, weight: String(config.weights[name]) }));
  const groups: CalcGroup[] = result.groups.map((g) => ({
    prompt: g.title,
    outputs: g.outputs.map((o) => ({
      label: o.traceIndex !== undefined ? `${o.label} (#${o.traceIndex + 1})` : o.label,
      cells: used.map((name) => (o.rewards[name] === null ? '' : String(o.rewards[name]))),
      ratio: '',
      source: { uri, start: o.span.start, end: o.span.end, line: o.line },
    })),
  }));
  if (!groups.length) return stateFromNumbers([[]]);
  return { columns, groups };
}
