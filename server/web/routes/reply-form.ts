// What the ticket page adds for the reply desk (issue 14 items 4 and 5): the reply form's templates (filled for this
// ticket and officer; ?template=ID pre-fills the text without JavaScript), the version the page was drawn from, who
// else has the ticket open, and the "changed since you opened it" panel of a refused action.
import type { Request } from 'express';
import type { Db } from '../../db/index.js';
import type { UserAttrs } from '../../db/models/foundation.js';
import { t } from '../../i18n/index.js';
import { markPresent, PRESENCE_RENEW_MS, type TicketStaleError, type TicketView } from '../../services/tickets/index.js';
import { canManageTemplates, templatesForTicket, DEFAULT_REPLY_ATTACHMENT_MAX_BYTES, REPLY_ATTACHMENTS_MAX } from '../../services/replies/index.js';
import { changeLine } from '../presenters/ticket-changes.js';

const MB = 1024 * 1024;

export async function deskView(db: Db, view: TicketView, user: UserAttrs, req: Request, canReply: boolean, maxBytes = DEFAULT_REPLY_ATTACHMENT_MAX_BYTES) {
  const presence = await markPresent(db, view.ticket.ref, user, new Date(), { touch: req.method === 'GET' });
  const others = presence.others.map((o) => o.name).filter(Boolean);
  const base = {
    version: presence.version,
    presence: { text: others.length ? t(req.locale, 'replies.presence.others', { names: others.join(', ') }) : '', renewMs: PRESENCE_RENEW_MS },
  };
  if (!canReply) return { ...base, replyForm: null };
  const templates = await templatesForTicket(db, view.ticket, user.display_name);
  const chosen = typeof req.query.template === 'string' ? templates.find((x) => String(x.id) === req.query.template) : undefined;
  return {
    ...base,
    replyForm: {
      templates: templates.map((x) => ({ value: String(x.id), label: x.name, text: x.text, selected: x.id === chosen?.id })),
      prefill: chosen?.text ?? '',
      canManage: canManageTemplates(user, view.ticket.agency_id),
      attachmentHint: t(req.locale, 'replies.attachment.hint', { max: Math.floor(maxBytes / MB), n: REPLY_ATTACHMENTS_MAX }),
    },
  };
}

/** A refused action: what changed (oldest first), the current version, and the fields to post again on "do it anyway". */
export function staleView(e: TicketStaleError, req: Request) {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const isReply = /\/reply$/.test(req.path);
  return {
    version: e.version,
    isReply,
    action: req.originalUrl.split('?')[0],
    changes: e.changes.map((c) => ({ text: changeLine(c, req.locale) })),
    resend: isReply ? [] : Object.entries(body).filter(([k, v]) => typeof v === 'string' && !['_csrf', 'version', 'confirm_stale'].includes(k)).map(([name, value]) => ({ name, value })),
  };
}
