// The reply as the citizen reads it: the agency's head and signature around the officer's text, every
// {{variable}} filled from the ticket. Called by tickets/reply.ts inside its transaction.
import { readRows, type Db } from '../../db/index.js';
import { letterParts } from './templates.js';
import { composeLetter, templateValues, type TemplateValues } from './template-vars.js';

export interface LetterTicket { agency_id: number; ref: string; citizen_name: string | null; citizen_address: string; due_at: Date | null }

export async function valuesFor(db: Db, ticket: LetterTicket, officer: string): Promise<TemplateValues> {
  const [agency] = await readRows(db, 'SELECT a.name FROM agencies a WHERE a.id = ?', [ticket.agency_id]);
  return templateValues({ citizenName: ticket.citizen_name, citizenAddress: ticket.citizen_address, ref: ticket.ref, dueAt: ticket.due_at,
    officer, agency: agency ? String(agency.name) : '' });
}

/** The text sent: head + body + signature, filled. */
export async function replyLetter(db: Db, ticket: LetterTicket, officer: string, body: string): Promise<string> {
  return composeLetter({ ...(await letterParts(db, ticket.agency_id)), body }, await valuesFor(db, ticket, officer));
}
