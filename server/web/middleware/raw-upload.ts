// One file per request, as the raw body (application/octet-stream) with its name in X-File-Name (URI-encoded),
// posted by views/static/upload.js. No multipart parser is installed, and the CSRF check reads the
// X-CSRF-Token header, which a plain form post could not send; the page says the upload needs JavaScript.
import express, { type RequestHandler } from 'express';
import { HttpError } from '../errors.js';

export interface RawUpload { bytes: Buffer; fileName: string }

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request { upload?: RawUpload }
  }
}

export function rawUpload(maxBytes: number): RequestHandler[] {
  const parse = express.raw({ type: 'application/octet-stream', limit: maxBytes });
  return [
    (req, res, next) => parse(req, res, (err?: unknown) => {
      const e = err as { type?: string } | undefined;
      if (e?.type === 'entity.too.large') return next(new HttpError(413, 'hr.upload.too_large', 'file too large'));
      next(err);
    }),
    (req, _res, next) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) return next(new HttpError(400, 'hr.upload.empty', 'no file in the request'));
      let fileName = 'upload';
      try {
        fileName = decodeURIComponent(req.get('x-file-name') ?? 'upload').replace(/[\\/]/g, '_').slice(0, 255);
      } catch {
        // a malformed name is only cosmetic: keep the default
      }
      req.upload = { bytes: req.body, fileName };
      next();
    },
  ];
}
