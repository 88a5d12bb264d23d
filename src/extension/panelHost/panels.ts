import * as vscode from 'vscode';
import { makeNonce, renderPanelHtml } from './html';

/**
 * Describes one kind of webview panel. Each panel's browser code is bundled by esbuild from
 * `webview/<bundle>/main.ts` to `dist/webview/<bundle>.js` (+ `.css` when it imports styles).
 */
export interface PanelKind<State> {
  viewType: string;
  title: string;
  bundle: string;
  /** Handles messages from the page. */
  onMessage?(panel: vscode.WebviewPanel, message: unknown): void | Promise<void>;
  /** Called when VS Code restores the panel after a reload, with the page's last saved state. */
  onRestore?(panel: vscode.WebviewPanel, state: State | undefined): void;
}

/**
 * Opens webview panels with the project's strict policy (see html.ts), one instance per kind,
 * and restores them after a window reload through a serializer. Pages keep their state with
 * `getState`/`setState`; VS Code hands that state back to the serializer.
 */
export class PanelHost implements vscode.Disposable {
  private readonly open = new Map<string, vscode.WebviewPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Registers the serializer of a panel kind; call once at activation. */
  register<State>(kind: PanelKind<State>): void {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(kind.viewType, {
        deserializeWebviewPanel: async (panel, state: State | undefined) => {
          this.adopt(kind, panel, state);
          kind.onRestore?.(panel, state);
        },
      }),
    );
  }

  /** Opens the panel (or reveals the open one) and hands it `initialState` when it is created. */
  show<State>(kind: PanelKind<State>, initialState?: State, column = vscode.ViewColumn.Active): vscode.WebviewPanel {
    const existing = this.open.get(kind.viewType);
    if (existing) {
      existing.reveal(column);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(kind.viewType, kind.title, column, this.options());
    this.adopt(kind, panel, initialState);
    return panel;
  }

  /** The open panel of a kind, if any. */
  get(viewType: string): vscode.WebviewPanel | undefined {
    return this.open.get(viewType);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt<State>(kind: PanelKind<State>, panel: vscode.WebviewPanel, state: State | undefined): void {
    const webview = panel.webview;
    webview.options = this.options();
    const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', file)).toString();
    webview.html = renderPanelHtml({
      title: kind.title,
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset(`${kind.bundle}.js`),
      styleUris: [asset(`${kind.bundle}.css`)],
      initialState: state,
      lang: vscode.env.language,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    this.open.set(kind.viewType, panel);
    const subscriptions: vscode.Disposable[] = [];
    if (kind.onMessage) {
      subscriptions.push(webview.onDidReceiveMessage((message) => kind.onMessage?.(panel, message)));
    }
    panel.onDidDispose(() => {
      this.open.delete(kind.viewType);
      subscriptions.forEach((d) => d.dispose());
    });
  }

  dispose(): void {
    for (const panel of this.open.values()) panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
