// /reply-templates: an agency's answer templates and its letter head and signature (issue 14 item 4), managed by the
// agency's supervisors and admins (province-wide admins choose the agency with ?agency=CODE). The services decide who
// may manage which agency; another agency named is a 403, a template id not in the agency a 404. Deleting asks first.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { requireLogin, requireRole } from '../middleware/auth.js';
import { Forbidden, NotFound } from '../errors.js';
import { t } from '../../i18n/index.js';
import { isConfirmed, renderConfirm } from '../confirm.js';
import {
  deleteTemplate, letterPartsAs, listTemplatesAs, managedAgencyByCode, saveLetterParts, saveTemplate, ReplyForbiddenError, ReplyInputError,
  ReplyAgencyNotFoundError, ReplyTemplateNotFoundError, TEMPLATE_VARIABLES,
} from '../../services/replies/index.js';

const agencyQuery = z.object({ agency: z.string().max(40).optional().catch(undefined), edit: z.coerce.number().int().positive().optional().catch(undefined),
  done: z.enum(['saved', 'deleted', 'letter']).optional().catch(undefined) });
const templateBody = z.object({ agency: z.string().max(40).default(''), id: z.string().regex(/^\d{0,10}$/).default(''), name: z.string().default(''), body: z.string().default('') });
const letterBody = z.object({ agency: z.string().max(40).default(''), header: z.string().default(''), signature: z.string().default('') });

function httpError(e: unknown): unknown {
  if (e instanceof ReplyTemplateNotFoundError) return NotFound('reply_template');
  if (e instanceof ReplyForbiddenError) return Forbidden(e.message);
  if (e instanceof ReplyAgencyNotFoundError) return NotFound('agency');
  return e;
}

export function replyTemplateRoutes(deps: AppDeps): Router {
  const { db } = deps;
  const router = Router();
  const guard = [requireLogin, requireRole('supervisor', 'admin')];

  /** The agency the page is about (services/replies decides which the actor manages), and the choices. */
  const agencyOf = async (req: Request, code: string | undefined) => {
    const { agency, choices } = await managedAgencyByCode(db, req.auth!.user, code).catch((e) => { throw httpError(e); });
    return { agency, choices: choices.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}`, selected: c.code === agency.code })) };
  };

  const render = async (req: Request, res: Response, code: string | undefined, extra: Record<string, unknown> = {}, status = 200) => {
    const user = req.auth!.user;
    const { agency, choices } = await agencyOf(req, code);
    const [templates, letter] = await Promise.all([listTemplatesAs(db, user, agency.id), letterPartsAs(db, user, agency.id)]).catch((e) => { throw httpError(e); });
    const q = agencyQuery.parse(req.query);
    const editing = q.edit ? templates.find((x) => x.id === q.edit) : undefined;
    if (q.edit && !editing) throw NotFound('reply_template');
    res.status(status).render('pages/reply-templates', {
      title: t(req.locale, 'replies.title'), agency, choices,
      templates: templates.map((x) => ({ ...x, editHref: `/reply-templates?agency=${encodeURIComponent(agency.code)}&edit=${x.id}` })),
      variables: TEMPLATE_VARIABLES.map((name) => ({ name: `{{${name}}}`, label: t(req.locale, `replies.var.${name}`) })),
      letter, form: editing ? { id: editing.id, name: editing.name, body: editing.body } : { id: '', name: '', body: '' },
      flash: q.done ? { kind: 'ok', text: t(req.locale, `replies.flash.${q.done}`) } : undefined, ...extra,
    });
  };
  const back = (code: string, done: string) => `/reply-templates?agency=${encodeURIComponent(code)}&done=${done}`;
  const inputError = (req: Request, e: ReplyInputError) => ({ [e.field]: t(req.locale, `replies.error.${e.id}`, e.params) });

  router.get('/reply-templates', ...guard, async (req, res) => render(req, res, agencyQuery.parse(req.query).agency));

  router.post('/reply-templates', ...guard, async (req, res) => {
    const body = templateBody.parse(req.body);
    const { agency } = await agencyOf(req, body.agency || undefined);
    try {
      await saveTemplate(db, req.auth!.user, { agencyId: agency.id, id: body.id ? Number(body.id) : undefined, name: body.name, body: body.body });
    } catch (e) {
      if (!(e instanceof ReplyInputError)) throw httpError(e);
      return render(req, res, agency.code, { errors: inputError(req, e), form: { id: body.id, name: body.name, body: body.body } }, 422);
    }
    res.redirect(303, back(agency.code, 'saved'));
  });

  router.post('/reply-templates/letter', ...guard, async (req, res) => {
    const body = letterBody.parse(req.body);
    const { agency } = await agencyOf(req, body.agency || undefined);
    try {
      await saveLetterParts(db, req.auth!.user, { agencyId: agency.id, header: body.header, signature: body.signature });
    } catch (e) {
      if (!(e instanceof ReplyInputError)) throw httpError(e);
      return render(req, res, agency.code, { errors: inputError(req, e), letter: { header: body.header, signature: body.signature } }, 422);
    }
    res.redirect(303, back(agency.code, 'letter'));
  });

  router.post('/reply-templates/:id/delete', ...guard, async (req, res) => {
    const { agency } = await agencyOf(req, typeof req.body?.agency === 'string' ? req.body.agency || undefined : undefined);
    const id = z.coerce.number().int().positive().safeParse(req.params.id);
    if (!id.success) throw NotFound('reply_template');
    const templates = await listTemplatesAs(db, req.auth!.user, agency.id).catch((e) => { throw httpError(e); });
    const template = templates.find((x) => x.id === id.data);
    if (!template) throw NotFound('reply_template');
    if (!isConfirmed(req.body)) {
      return renderConfirm(req, res, { title: t(req.locale, 'replies.delete.title'), question: t(req.locale, 'replies.delete.question', { name: template.name }),
        confirmLabel: t(req.locale, 'replies.delete.submit'), cancelHref: `/reply-templates?agency=${encodeURIComponent(agency.code)}` });
    }
    await deleteTemplate(db, req.auth!.user, { agencyId: agency.id, id: template.id }).catch((e) => { throw httpError(e); });
    res.redirect(303, back(agency.code, 'deleted'));
  });

  return router;
}
