// multipart/form-data for the few forms that carry a file with their fields (a reply with its official letter).
// No multipart package is installed: Node's own fetch Response parses the body (undici's FormData), after
// it was read under a byte limit (over it: the fields before the files, and req.uploadTooLarge). It runs before the CSRF check, which then reads _csrf from the
// parsed fields, and only for signed-in users whom `mayUpload` (a services predicate: who may write to tickets)
// allows, on the listed paths, so neither an anonymous request nor a leader's or HR's makes us buffer a large
// body; theirs go on unread and the route refuses them.
import type { Request, RequestHandler } from 'express';
import type { UserAttrs } from '../../db/models/foundation.js';
import { HttpError } from '../errors.js';

export interface FormFile { field: string; filename: string; bytes: Buffer }

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request { files?: FormFile[]; uploadTooLarge?: { maxBytes: number } }
  }
}

/** Room for the fields and the multipart framing around the files. */
const FIELDS_MARGIN_BYTES = 1024 * 1024;

export function multipartForm(paths: RegExp, maxFileBytes: number, mayUpload: (user: Pick<UserAttrs, 'role'>) => boolean): RequestHandler {
  const limit = maxFileBytes + FIELDS_MARGIN_BYTES;
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.auth || !mayUpload(req.auth.user) || !paths.test(req.path) || !req.is('multipart/form-data')) return next();
    const contentType = req.get('content-type') ?? '';
    readBounded(req, limit)
      .then(async ({ bytes, truncated }) => {
        if (!truncated) return { ...(await parse(bytes, contentType)), tooLarge: false };
        // Over the limit: keep the fields sent before the files (the form puts the text first), so the route can
        // give the officer the page again with the limit stated and the text kept, instead of a bare 413.
        const head = completeParts(bytes, contentType);
        if (!head) throw Object.assign(new Error('too large'), { tooLarge: true });
        return { fields: (await parse(head, contentType)).fields, files: [], tooLarge: true };
      })
      .then(({ fields, files, tooLarge }) => {
        req.body = fields; req.files = files;
        if (tooLarge) req.uploadTooLarge = { maxBytes: maxFileBytes };
        next();
      })
      .catch((e: unknown) => next((e as { tooLarge?: boolean }).tooLarge ? new HttpError(413, 'error.too_large', 'request too large')
        : new HttpError(400, 'error.bad_form', 'malformed multipart body')));
  };
}

/** Past the limit the rest is read and thrown away (so the browser, still sending, gets our answer), up to a cap. */
const DISCARD_MAX_BYTES = 256 * 1024 * 1024;
function readBounded(req: Request, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit + DISCARD_MAX_BYTES) { req.destroy(); return; }
      if (kept < limit) { const part = chunk.subarray(0, limit - kept); chunks.push(part); kept += part.length; }
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), truncated: seen > limit }));
    req.on('error', reject);
    req.on('close', () => { if (!req.complete) reject(new Error('aborted')); });
  });
}

/** The body cut after its last complete part and closed, or null when not even one part is complete. */
function completeParts(bytes: Buffer, contentType: string): Buffer | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return null;
  const cut = bytes.lastIndexOf(`\r\n--${b}`);
  if (cut <= 0) return null;
  return Buffer.concat([bytes.subarray(0, cut), Buffer.from(`\r\n--${b}--\r\n`)]);
}

async function parse(body: Buffer, contentType: string): Promise<{ fields: Record<string, string>; files: FormFile[] }> {
  const form = await new Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, string> = {};
  const files: FormFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else files.push({ field: name, filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { fields, files };
}
