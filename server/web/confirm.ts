// The confirmation step of destructive actions, without JavaScript: the action's POST runs only when its form
// carries confirm=1. Without it the route answers a confirmation page (views/partials/confirm.hbs) that posts
// the same fields back with confirm=1, so a forgotten or forged first click acts on nothing.
import type { Request, Response } from 'express';

export interface ConfirmView {
  title: string;
  question: string;
  /** consequences in red (what cannot be undone, what stops working) */
  warning?: string;
  facts?: { label: string; value: string }[];
  confirmLabel: string;
  cancelHref: string;
  /** the fields to post back when not the request's own (a typed secret goes back sealed, never readable) */
  fields?: Record<string, unknown>;
}

/** True when the submitted form carries the confirmation. */
export function isConfirmed(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { confirm?: unknown }).confirm === '1';
}

/** Renders the confirmation page for this POST: its fields go back as hidden inputs (never the CSRF token, which
 *  the page adds itself). */
export function renderConfirm(req: Request, res: Response, view: ConfirmView): void {
  const body = (view.fields ?? (typeof req.body === 'object' && req.body !== null ? req.body : {})) as Record<string, unknown>;
  const fields = Object.entries(body).filter(([name, value]) => name !== '_csrf' && name !== 'confirm' && typeof value === 'string')
    .map(([name, value]) => ({ name, value: value as string }));
  const { fields: _given, ...shown } = view;
  res.status(200).render('pages/confirm', { title: view.title, confirm: { ...shown, action: req.originalUrl, fields } });
}
