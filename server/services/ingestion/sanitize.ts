// The HTML of a citizen's mail as staff may see it. Run once at ingestion (messages.html_sanitized); the raw
// bytes stay in raw_messages, so a stricter policy later can re-sanitise from them. Removed: scripts, styles
// and event handlers (not on the allow-list), forms and their fields (phishing "log in to reply" boxes),
// javascript:/data: links, and every remote image: a remote <img> is a read receipt to the sender (tracking
// pixel) and a request from the staff member's browser. Inline images (data:image/…) stay. Links open in a
// new tab without a referrer, so the ticket URL never reaches the sender's site.
import sanitizeHtml from 'sanitize-html';

/** Past this the HTML is cut before sanitising: sanitize-html is linear, but 2,000-link spam is not worth it. */
export const MAIL_HTML_MAX_CHARS = 512 * 1024;

const ALLOWED_TAGS = [
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'small', 'blockquote', 'pre', 'code', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'font', 'center',
];

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No style, class or id: CSS can fetch remote URLs and overlay fake UI; ids could collide with the page's.
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // script, style, textarea, option, noscript and form fields: dropped with their content.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'select', 'button', 'iframe', 'object', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
    // data:image only; anything else inline (data:text/html …) is not an image.
    img: (tagName, attribs) => ({ tagName, attribs: /^data:image\/(png|gif|jpe?g|webp);/i.test(attribs.src ?? '') ? attribs : { alt: attribs.alt ?? '' } }),
  },
  // An <img> left without a source (remote or tracking) is removed whole; its alt text would be noise.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html.slice(0, MAIL_HTML_MAX_CHARS).normalize('NFC'), POLICY);
}
