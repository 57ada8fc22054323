// Downloads from a ticket page: the raw .eml of a citizen's mail (the legal record, the exact bytes the mail server
// delivered) and each attachment in it. The same readers and the same scope rule as the page: a ticket of another
// agency, or a message that is not on this ticket, is a 404 exactly like a ref that does not exist.
// Every answer is a download (web/download.ts: attachment with an RFC 6266 name, nosniff, sandbox CSP), never
// rendered; dangerous types go out as application/octet-stream.
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { NotFound } from '../errors.js';
import { messageFile, rawMessage, scopeOf, servedContentType, TICKET_READ_ROLES } from '../../services/tickets/index.js';
import { sendDownload } from '../download.js';
import { ticketHttpError } from './ticket-errors.js';

const params = z.object({ ref: z.string().max(40), message: z.coerce.number().int().positive(), part: z.coerce.number().int().positive().max(1000).optional() });

export function ticketFileRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const readers = [requireLogin, requireRole(...TICKET_READ_ROLES)];
  const parse = (raw: unknown) => {
    const p = params.safeParse(raw);
    if (!p.success) throw NotFound('ticket');
    return p.data;
  };
  const notFound = (e: unknown) => { throw ticketHttpError(e); };

  router.get('/tickets/:ref/messages/:message/raw', ...readers, async (req, res) => {
    const p = parse(req.params);
    const mail = await rawMessage(db, { ticketRef: p.ref, messageId: p.message, scope: scopeOf(req.auth!.user) }).catch(notFound);
    sendDownload(res, mail.bytes, 'message/rfc822', `${mail.ref}-thu-${mail.id}.eml`);
  });

  router.get('/tickets/:ref/messages/:message/files/:part', ...readers, async (req, res) => {
    const p = parse(req.params);
    const file = await messageFile(db, { ticketRef: p.ref, messageId: p.message, part: p.part ?? 0, scope: scopeOf(req.auth!.user) }).catch(notFound);
    sendDownload(res, file.content, servedContentType(file.filename, file.contentType), file.filename);
  });

  return router;
}
