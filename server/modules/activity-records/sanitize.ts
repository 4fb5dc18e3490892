import sanitizeHtml from 'sanitize-html';
import { redactSensitive } from '../members/member-validate.ts';

/**
 * The allow-list of the minutes editor: paragraphs, emphasis, lists, headings, quotes, simple tables
 * and links. Everything else is dropped: <script>/<style> with their content, event handlers
 * (onerror, onclick…), style and class attributes, images, frames, forms, and any URL that is not
 * http(s) or mailto (javascript:, data:, vbscript:).
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'div', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'blockquote', 'hr', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'rel', 'target'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Links leave the console without the referrer and without access to the opener.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/**
 * Sanitizes the minutes' HTML on the server (the client's editor is not trusted), then masks
 * anything that looks like an ID number or a phone number, as every free text is before storage.
 */
export function sanitizeMinutes(html: string): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return redactSensitive(clean);
}

/** The text of sanitized minutes without tags (to tell empty minutes from written ones). */
export function minutesText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s+/g, ' ').trim();
}
