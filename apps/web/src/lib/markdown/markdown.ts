// Markdown from users (evidence notes, rationales, comments) becomes HTML only through here:
// marked turns it into HTML, DOMPurify removes anything that can run or load (scripts, event
// handlers, javascript: URLs, iframes, forms, styles), and links open safely. The same code runs on
// the server (jsdom inside isomorphic-dompurify) and in the browser.
import DOMPurify from 'isomorphic-dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'a',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'input',
];

let hooked = false;
const addLinkHook = () => {
  if (hooked) return;
  hooked = true;
  // Links leave the app in a new tab without handing it window.opener or a referrer.
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
    // GFM task lists render checkboxes; they show state, they are not form controls.
    if (node.tagName === 'INPUT') {
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
  });
};

/** Sanitised HTML for a Markdown source. Images are dropped: a note must not load remote content. */
export const renderMarkdown = (source: string): string => {
  addLinkHook();
  const html = marked.parse(source) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'type', 'checked', 'disabled', 'align'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#|\/(?!\/))/i,
  });
};
