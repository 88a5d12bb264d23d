/**
 * The learning panels: the R1 pipeline walkthrough and the quiz, the commands that open
 * them and the sample files, and the allow-list of commands their pages may ask to run.
 *
 * Pages never run commands themselves (command URIs are disabled in panels): a click on a
 * `command:cotTrace.*` link posts `{type: 'command', command, args}` and only the commands
 * listed in ALLOWED_COMMANDS, with checked arguments, are executed.
 */
import * as vscode from 'vscode';
import index from '../../../content/learn/index.json';
import type { PanelHost, PanelKind } from '../panelHost/panels';
import { isLocale, pickLocale, type Locale } from '../../../webview/common/locale';

export const SECTION_IDS: ReadonlySet<string> = new Set((index as { sections: Array<{ id: string }> }).sections.map((s) => s.id));

/** Sample files shipped in the extension's samples/ folder. */
export const SAMPLE_TRACE = 'r1-zero.cot';
export const SAMPLE_DATASET = 'datasets/topology_math500_deepseek_r1.jsonl';
/** What to do with the sample dataset once it is open: nothing more, review it, or summarise it. */
export const SAMPLE_DATASET_ACTIONS: ReadonlySet<string> = new Set(['open', 'review', 'summary']);

/** Commands a panel page may ask for, with a check of their arguments. */
export const ALLOWED_COMMANDS: Readonly<Record<string, (args: unknown[]) => unknown[] | undefined>> = {
  'cotTrace.openPipeline': (args) => (args.length === 0 ? [] : typeof args[0] === 'string' && SECTION_IDS.has(args[0]) ? [args[0]] : undefined),
  'cotTrace.openQuiz': () => [],
  'cotTrace.openSample': (args) => (args.length === 0 ? [] : typeof args[0] === 'string' && isSamplePath(args[0]) ? [args[0]] : undefined),
  'cotTrace.openSampleDataset': (args) => (args.length === 0 ? [] : typeof args[0] === 'string' && SAMPLE_DATASET_ACTIONS.has(args[0]) ? [args[0]] : undefined),
  // The GRPO calculator (registered elsewhere) may receive one plain object such as `{rewards: [0, 1, 1, 0]}`.
  'cotTrace.openCalculator': (args) => (args.length === 0 ? [] : isPlainData(args[0]) && args.length === 1 ? [args[0]] : undefined),
};

/** A relative path inside samples/ made of plain names (no `..`, no absolute paths). */
export function isSamplePath(path: string): boolean {
  return path.length < 200 && /^[\w-]+(?:\.[\w-]+)*(?:\/[\w-]+(?:\.[\w-]+)*)*$/.test(path);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  try {
    return JSON.stringify(value).length < 10_000;
  } catch {
    return false;
  }
}

/** The command and arguments to run for a page message, or undefined when it is not allowed. */
export function checkCommandMessage(message: unknown): { command: string; args: unknown[] } | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const { type, command, args } = message as { type?: unknown; command?: unknown; args?: unknown };
  if (type !== 'command' || typeof command !== 'string' || !Object.prototype.hasOwnProperty.call(ALLOWED_COMMANDS, command)) return undefined;
  const checked = ALLOWED_COMMANDS[command](Array.isArray(args) ? args : []);
  return checked ? { command, args: checked } : undefined;
}

interface PipelineState {
  section?: string;
  lang?: Locale;
}

interface QuizPageState {
  best?: { score: number; total: number };
  lang?: Locale;
}

/** Panel titles per locale (the pages label themselves; see webview/pipeline/strings.ts, webview/quiz/strings.ts). */
export const PANEL_TITLES: Readonly<Record<Locale, { pipeline: string; quiz: string }>> = {
  en: { pipeline: 'R1 Pipeline Walkthrough', quiz: 'R1 Quiz' },
  'zh-cn': { pipeline: 'R1 训练流程详解', quiz: 'R1 测验' },
};

/** The language a page asks for with its switch, if it is one the lessons are written in. */
export function languageMessage(message: unknown): Locale | undefined {
  const m = message as { type?: unknown; lang?: unknown } | null;
  return m?.type === 'language' && isLocale(m.lang) ? m.lang : undefined;
}

const BEST_KEY = 'cotTrace.quiz.best';
/** The language picked in either learning panel (absent: VS Code's display language). */
const LANGUAGE_KEY = 'cotTrace.learn.language';
/** The attempt in progress, as the page last sent it (the page checks it against the questions). */
const ATTEMPT_KEY = 'cotTrace.quiz.attempt';
const MAX_ATTEMPT_CHARS = 100_000;

export function registerLearn(context: vscode.ExtensionContext, panels: PanelHost): void {
  /** A section asked for while the pipeline page was not live: sent when the page says it is ready. */
  const pending: { section?: string } = {};
  const pipeline = pipelineKind(context, panels, pending);
  const quiz = quizKind(context, panels);
  panels.register(pipeline);
  panels.register(quiz);

  context.subscriptions.push(
    vscode.commands.registerCommand('cotTrace.openPipeline', (section?: unknown) => openPipeline(context, panels, pipeline, pending, section)),
    vscode.commands.registerCommand('cotTrace.openQuiz', () => {
      // Resume the attempt in progress (closing the panel does not lose it), with the best score kept apart.
      const attempt = context.globalState.get<Record<string, unknown>>(ATTEMPT_KEY);
      // The language picked last (in either panel) wins over the one the attempt was saved with.
      panels.show<QuizPageState>(quiz, withLanguage(context, { ...(isPlainObject(attempt) ? attempt : {}), best: best(context) }));
    }),
    vscode.commands.registerCommand('cotTrace.openSample', (path?: unknown) =>
      openSample(context, typeof path === 'string' && isSamplePath(path) ? path : SAMPLE_TRACE),
    ),
    vscode.commands.registerCommand('cotTrace.openSampleDataset', (action?: unknown) =>
      openSampleDataset(context, typeof action === 'string' && SAMPLE_DATASET_ACTIONS.has(action) ? action : 'open'),
    ),
  );
}

/** Runs a command a page asked for, if it is allowed; true when the message was such a request. */
async function runFromPage(message: unknown): Promise<boolean> {
  const type = (message as { type?: unknown } | null)?.type;
  if (type !== 'command') return false;
  const checked = checkCommandMessage(message);
  if (!checked) {
    console.warn(`[cot-trace learn] refused a command from a panel: ${JSON.stringify(message).slice(0, 200)}`);
    return true;
  }
  try {
    await vscode.commands.executeCommand(checked.command, ...checked.args);
  } catch (error) {
    void vscode.window.showWarningMessage(vscode.l10n.t('CoT Trace: could not run {0}: {1}', checked.command, error instanceof Error ? error.message : String(error)));
  }
  return true;
}

const best = (context: vscode.ExtensionContext): { score: number; total: number } | undefined => context.globalState.get(BEST_KEY);

function chosenLanguage(context: vscode.ExtensionContext): Locale | undefined {
  const value = context.globalState.get<unknown>(LANGUAGE_KEY);
  return isLocale(value) ? value : undefined;
}

/** The language of the learning panels: the one picked in either, else VS Code's display language. */
const panelLanguage = (context: vscode.ExtensionContext): Locale => chosenLanguage(context) ?? pickLocale(vscode.env.language);

function withLanguage<S extends object>(context: vscode.ExtensionContext, state: S): S & { lang?: Locale } {
  const lang = chosenLanguage(context);
  return lang ? { ...state, lang } : state;
}

/** A page switched language: remember it for both panels and retitle the panel. */
async function onLanguage(context: vscode.ExtensionContext, panels: PanelHost, panel: vscode.WebviewPanel, message: unknown, title: 'pipeline' | 'quiz'): Promise<boolean> {
  const lang = languageMessage(message);
  if (!lang) return false;
  await context.globalState.update(LANGUAGE_KEY, lang);
  panel.title = PANEL_TITLES[lang][title];
  // The other learning panel, if open, follows.
  const other = title === 'pipeline' ? panels.get('cotTrace.quiz') : panels.get('cotTrace.pipeline');
  if (other) {
    other.title = PANEL_TITLES[lang][title === 'pipeline' ? 'quiz' : 'pipeline'];
    void other.webview.postMessage({ type: 'language', lang });
  }
  return true;
}

/**
 * Tells a page that has just loaded the language picked last. A panel hidden when the other one
 * switched language reloads from the state it saved before, and the switch sent to it then
 * reached no page.
 */
function sendLanguage(context: vscode.ExtensionContext, panel: vscode.WebviewPanel): void {
  const lang = chosenLanguage(context);
  if (lang) void panel.webview.postMessage({ type: 'language', lang });
}

function pipelineKind(context: vscode.ExtensionContext, panels: PanelHost, pending: { section?: string }): PanelKind<PipelineState> {
  return {
    viewType: 'cotTrace.pipeline',
    get title() {
      return PANEL_TITLES[panelLanguage(context)].pipeline;
    },
    bundle: 'pipeline',
    async onMessage(panel, message) {
      if (await runFromPage(message)) return;
      if (await onLanguage(context, panels, panel, message, 'pipeline')) return;
      if ((message as { type?: unknown } | null)?.type !== 'ready') return;
      sendLanguage(context, panel);
      if (pending.section) {
        void panel.webview.postMessage({ type: 'goto', section: pending.section });
        pending.section = undefined;
      }
    },
  };
}

function quizKind(context: vscode.ExtensionContext, panels: PanelHost): PanelKind<QuizPageState> {
  return {
    viewType: 'cotTrace.quiz',
    get title() {
      return PANEL_TITLES[panelLanguage(context)].quiz;
    },
    bundle: 'quiz',
    async onMessage(panel, message) {
      if (await runFromPage(message)) return;
      if (await onLanguage(context, panels, panel, message, 'quiz')) return;
      const m = message as { type?: unknown; score?: unknown; total?: unknown } | null;
      if (m?.type === 'attempt') {
        const attempt = (message as { state?: unknown }).state;
        if (isPlainObject(attempt) && JSON.stringify(attempt).length < MAX_ATTEMPT_CHARS) await context.globalState.update(ATTEMPT_KEY, attempt);
      } else if (m?.type === 'ready') {
        sendLanguage(context, panel);
        void panel.webview.postMessage({ type: 'best', best: best(context) ?? null });
      } else if (m?.type === 'result' && typeof m.score === 'number' && typeof m.total === 'number' && m.total > 0) {
        const score = Math.max(0, Math.min(m.total, Math.floor(m.score)));
        const previous = best(context);
        if (!previous || score / m.total > previous.score / previous.total) {
          await context.globalState.update(BEST_KEY, { score, total: m.total });
        }
        void panel.webview.postMessage({ type: 'best', best: best(context) ?? null });
      }
    },
  };
}

/** Opens the walkthrough (at a section when one is named), or moves the open one there. */
function openPipeline(context: vscode.ExtensionContext, panels: PanelHost, pipeline: PanelKind<PipelineState>, pending: { section?: string }, section: unknown): void {
  const target = typeof section === 'string' && SECTION_IDS.has(section) ? section : undefined;
  const existing = panels.get(pipeline.viewType);
  if (existing) {
    panels.show(pipeline);
    if (target) {
      // Delivered now if the page is live; otherwise sent when the page says it is ready.
      pending.section = target;
      void existing.webview.postMessage({ type: 'goto', section: target }).then((delivered) => {
        if (delivered) pending.section = undefined;
      });
    }
    return;
  }
  const state = withLanguage<PipelineState>(context, target ? { section: target } : {});
  panels.show(pipeline, Object.keys(state).length ? state : undefined);
}

async function sampleUri(context: vscode.ExtensionContext, relative: string): Promise<vscode.Uri | undefined> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'samples', ...relative.split('/'));
  try {
    await vscode.workspace.fs.stat(uri);
    return uri;
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('CoT Trace: the sample {0} is not part of this installation.', relative));
    return undefined;
  }
}

/** A sample opens as an untitled copy: edits never reach the file inside the installed extension. */
async function openSample(context: vscode.ExtensionContext, relative: string): Promise<void> {
  const uri = await sampleUri(context, relative);
  if (!uri) return;
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const language = /\.(cot|think)$/.test(relative) ? 'cot-trace' : /\.jsonl$/.test(relative) ? 'jsonl' : 'json';
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { preview: false });
}

/**
 * The sample dataset is reviewed like a user's own file, so it needs a place on disk for its review
 * sidecar: a copy in the extension's global storage (made once), never the installed file.
 */
async function openSampleDataset(context: vscode.ExtensionContext, action: string): Promise<void> {
  const source = await sampleUri(context, SAMPLE_DATASET);
  if (!source) return;
  const copy = vscode.Uri.joinPath(context.globalStorageUri, 'samples', ...SAMPLE_DATASET.split('/'));
  try {
    await vscode.workspace.fs.stat(copy);
  } catch {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(copy, '..'));
    await vscode.workspace.fs.copy(source, copy, { overwrite: false });
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(copy), { preview: false });
  if (action === 'review') await vscode.commands.executeCommand('cotTrace.openReview', copy);
  else if (action === 'summary') await vscode.commands.executeCommand('cotTrace.openStats', copy);
}
