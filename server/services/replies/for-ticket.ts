// The agency's templates, filled for one ticket and officer: what the reply form offers (choosing one fills the
// textarea, which the officer then edits). The caller has already found the ticket in the actor's scope.
import type { Db } from '../../db/index.js';
import { agencyTemplates } from './templates.js';
import { fillVariables } from './template-vars.js';
import { valuesFor, type LetterTicket } from './letter.js';

export interface FilledTemplate { id: number; name: string; text: string }

export async function templatesForTicket(db: Db, ticket: LetterTicket, officer: string): Promise<FilledTemplate[]> {
  const [templates, values] = await Promise.all([agencyTemplates(db, ticket.agency_id), valuesFor(db, ticket, officer)]);
  return templates.map((t) => ({ id: t.id, name: t.name, text: fillVariables(t.body, values) }));
}
