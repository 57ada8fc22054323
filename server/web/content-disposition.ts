// A Content-Disposition for a file whose name came from outside (a citizen's attachment): RFC 6266 with an ASCII
// `filename` fallback and the exact name in RFC 5987 `filename*`. Control characters (CR, LF: header injection),
// quotes, backslashes, path separators and leading dots are removed, so the name can neither break the header nor
// climb out of a download folder. Pure.

const MAX_NAME_CHARS = 150;

/** The name with everything dangerous in a header or a path removed; `fallback` when nothing is left. */
export function safeFilename(name: string, fallback: string): string {
  const cleaned = name.normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '') // controls, bidi overrides
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s._]+|[\s.]+$/g, '')
    .slice(0, MAX_NAME_CHARS);
  return cleaned || fallback;
}

/** RFC 5987 value-chars: attr-char stays, the rest is percent-encoded UTF-8. */
function encodeExtValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''exact` for a hostile name. */
export function attachmentDisposition(name: string, fallback = 'tep-tin'): string {
  const safe = safeFilename(name, fallback);
  const ascii = safe.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_').replace(/[%;=]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(safe)}`;
}
