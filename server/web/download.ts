// Every file a page offers goes out through here (a citizen's raw .eml and its attachments, the exact bytes of a
// sent mail, the case export zip): a download, never rendered. Content-Disposition: attachment with an RFC 6266
// name, nosniff, a sandboxing CSP in case a browser renders it anyway (a .eml opened as HTML would run the
// mail's scripts on our origin), and no-store (citizen mail stays out of caches after sign-out).
import type { Response } from 'express';
import { attachmentDisposition } from './content-disposition.js';

/** The headers of a download; a streamed one (the case export) sets them, then writes its body. */
export function setDownloadHeaders(res: Response, contentType: string, filename: string): void {
  res.set({
    'Content-Type': contentType,
    'Content-Disposition': attachmentDisposition(filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'no-store',
  });
}

/** Withdraws a streamed download's headers when it fails before its first byte, so the error page is a page. */
export function clearDownloadHeaders(res: Response): void {
  for (const h of ['Content-Type', 'Content-Disposition', 'Content-Security-Policy']) res.removeHeader(h);
}

export function sendDownload(res: Response, body: Buffer, contentType: string, filename: string): void {
  setDownloadHeaders(res, contentType, filename);
  res.set('Content-Length', String(body.length));
  res.end(body);
}
