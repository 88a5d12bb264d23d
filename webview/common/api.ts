/**
 * The page side of a panel: the VS Code webview API, typed, with state kept through
 * `getState`/`setState` so the panel comes back as it was after a reload.
 */
interface WebviewApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): WebviewApi<S>;

let api: WebviewApi<unknown> | undefined;

/** The webview API (acquired once per page, as VS Code requires). */
export function vscodeApi<S>(): WebviewApi<S> {
  api ??= acquireVsCodeApi<unknown>();
  return api as WebviewApi<S>;
}

/** The state handed over by the extension in the page's inert JSON block, if any. */
export function initialState<S>(): S | undefined {
  const block = document.getElementById('initial-state');
  if (!block?.textContent) return undefined;
  try {
    const value = JSON.parse(block.textContent) as S | null;
    return value ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The state to start from: what the page saved last (a reload or a hidden tab coming back),
 * else what the extension handed over, else `fallback`.
 */
export function startState<S>(fallback: S): S {
  return vscodeApi<S>().getState() ?? initialState<S>() ?? fallback;
}

export function saveState<S>(state: S): void {
  vscodeApi<S>().setState(state);
}

export function post(message: unknown): void {
  vscodeApi().postMessage(message);
}

/** Listens to messages from the extension. */
export function onMessage<M>(handler: (message: M) => void): void {
  window.addEventListener('message', (event: MessageEvent<M>) => handler(event.data));
}
