// Minutes are HTML sanitized by the server; the console still rebuilds them node by node from the
// same allow-list (defence in depth), never through innerHTML or dangerouslySetInnerHTML.
import { type CSSProperties, useEffect, useRef } from 'react';
import styles from './records.module.css';

const ALLOWED = new Set(['P', 'BR', 'DIV', 'STRONG', 'B', 'EM', 'I', 'U', 'S', 'UL', 'OL', 'LI', 'H2', 'H3', 'H4', 'BLOCKQUOTE', 'HR', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']);
/** Elements dropped with everything inside them. */
const DROPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'NOSCRIPT', 'TEXTAREA', 'SELECT', 'TITLE', 'HEAD']);
const SAFE_URL = /^(https?:|mailto:)/i;

function copyInto(src: Node, dst: Node) {
  for (const node of Array.from(src.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      dst.appendChild(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (DROPPED.has(tag)) continue;
    if (!ALLOWED.has(tag)) {
      // Unknown wrappers (span, font…) keep their text.
      copyInto(el, dst);
      continue;
    }
    const out = document.createElement(tag.toLowerCase());
    if (tag === 'A') {
      const href = el.getAttribute('href')?.trim() ?? '';
      if (SAFE_URL.test(href)) {
        out.setAttribute('href', href);
        out.setAttribute('target', '_blank');
        out.setAttribute('rel', 'noopener noreferrer nofollow');
      }
    }
    for (const name of ['colspan', 'rowspan']) {
      const v = el.getAttribute(name);
      if ((tag === 'TD' || tag === 'TH') && v && /^\d{1,2}$/.test(v)) out.setAttribute(name, v);
    }
    copyInto(el, out);
    dst.appendChild(out);
  }
}

/** The allowed part of an HTML text as DOM nodes (DOMParser runs no scripts and loads nothing). */
export function sanitizedFragment(html: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out = document.createDocumentFragment();
  copyInto(doc.body, out);
  return out;
}

/** Sanitized minutes as rendered content. */
export function SafeHtml({ html, style, 'data-testid': testId }: { html: string; style?: CSSProperties; 'data-testid'?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(sanitizedFragment(html));
  }, [html]);
  return <div ref={ref} className={styles.minutes} style={{ overflowWrap: 'anywhere', ...style }} data-testid={testId} />;
}
