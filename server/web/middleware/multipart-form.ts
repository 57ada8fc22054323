// multipart/form-data for the few forms that carry a file with their fields (a reply with its official letter).
// No multipart package is installed: Node's own fetch Response parses the body (undici's FormData), after
// express.raw has read it under a byte limit. It runs before the CSRF check, which then reads _csrf from the
// parsed fields, and only for signed-in users whom `mayUpload` (a services predicate: who may write to tickets)
// allows, on the listed paths, so neither an anonymous request nor a leader's or HR's makes us buffer a large
// body; theirs go on unread and the route refuses them.
import express, { type RequestHandler } from 'express';
import type { UserAttrs } from '../../db/models/foundation.js';
import { HttpError } from '../errors.js';

export interface FormFile { field: string; filename: string; bytes: Buffer }

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request { files?: FormFile[] }
  }
}

/** Room for the fields and the multipart framing around the files. */
const FIELDS_MARGIN_BYTES = 1024 * 1024;

export function multipartForm(paths: RegExp, maxFileBytes: number, mayUpload: (user: Pick<UserAttrs, 'role'>) => boolean): RequestHandler {
  const read = express.raw({ type: 'multipart/form-data', limit: maxFileBytes + FIELDS_MARGIN_BYTES });
  return (req, res, next) => {
    if (req.method !== 'POST' || !req.auth || !mayUpload(req.auth.user) || !paths.test(req.path) || !req.is('multipart/form-data')) return next();
    read(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') return next(new HttpError(413, 'error.too_large', 'request too large'));
      if (err) return next(err);
      parse(req.body as Buffer, req.get('content-type') ?? '')
        .then(({ fields, files }) => { req.body = fields; req.files = files; next(); })
        .catch(() => next(new HttpError(400, 'error.bad_form', 'malformed multipart body')));
    });
  };
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
