/**
 * `command:cotTrace.*` links in panel content. The webview itself may not run commands
 * (command URIs are disabled for panels), so a click is turned into a message
 * `{type: 'command', command, args}`; the extension runs it only if it is on its allow-list.
 */
import { post } from '../common/api';

export interface CommandLink {
  command: string;
  args: unknown[];
}

/** Parses `command:id` or `command:id?<url-encoded JSON>` (an array of arguments, or one argument). */
export function parseCommandLink(href: string): CommandLink | undefined {
  const match = /^command:([\w.]+)(?:\?(.*))?$/s.exec(href);
  if (!match) return undefined;
  const [, command, query] = match;
  if (!query) return { command, args: [] };
  try {
    const value: unknown = JSON.parse(decodeURIComponent(query));
    return { command, args: Array.isArray(value) ? value : [value] };
  } catch {
    return { command, args: [] };
  }
}

/** Posts the command of a link to the extension. */
export function runCommandLink(link: CommandLink): void {
  post({ type: 'command', command: link.command, args: link.args });
}

/**
 * Handles clicks on links inside `root`: `command:` links are posted to the extension,
 * `#section` links go to `onAnchor`. Other links keep their default behaviour.
 */
export function interceptLinks(root: HTMLElement, onAnchor?: (id: string) => boolean): void {
  root.addEventListener('click', (event) => {
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !root.contains(anchor)) return;
    const href = anchor.getAttribute('href') ?? '';
    if (href.startsWith('command:')) {
      event.preventDefault();
      const link = parseCommandLink(href);
      if (link) runCommandLink(link);
    } else if (href.startsWith('#') && onAnchor) {
      if (onAnchor(href.slice(1))) event.preventDefault();
    }
  });
}
