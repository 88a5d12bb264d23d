import { Marked } from 'marked';
import DOMPurify from 'dompurify';

/**
 * Markdown → sanitised DOM. Used for content shipped with the extension and for dataset text
 * alike: whatever the source, raw HTML, event handlers, `javascript:` links and remote images
 * never survive sanitising, and the page's CSP blocks anything that slipped through.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** For dataset text: an HTML tag in the source is shown as the characters it is made of. */
const literal = new Marked({ gfm: true, breaks: false, async: false, renderer: { html: (token) => escapeHtml(token.text) } });

const ALLOWED_URI = /^(?:(?:https?|mailto):|command:cotTrace\.|#)/i;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') ?? '';
    if (!ALLOWED_URI.test(href)) node.removeAttribute('href');
    node.setAttribute('rel', 'noopener noreferrer');
  }
  if (node.tagName === 'IMG') {
    // Panels never fetch from the network; only images inlined as data URIs are kept.
    const src = node.getAttribute('src') ?? '';
    if (!/^data:image\/(png|gif|jpeg|webp);/i.test(src)) node.removeAttribute('src');
  }
});

export interface MarkdownOptions {
  /** Show HTML tags of the source as literal text (dataset text), rendering only the Markdown. */
  literalHtml?: boolean;
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): DocumentFragment {
  const html = (options.literalHtml ? literal : marked).parse(source) as string;
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'textarea', 'select', 'button'],
    FORBID_ATTR: ['style'],
    ALLOW_DATA_ATTR: false,
    // DOMPurify's default URI filter would drop `command:` links before the hook sees them.
    ALLOWED_URI_REGEXP: ALLOWED_URI,
  });
}
