// One-time form keys (issue 14 items 4 and 5): the ticket page draws each action form with a random key, and an
// action that is not harmless twice (a reply, a note, a legal extension, a pause…) records the key here, in the
// transaction of its writes, with what the form asked (a digest) and the event it made. The unique (ticket, action,
// key) lets a double click, a browser resubmit or a network retry find the first submission and show it instead of
// sending the answer again; a key sent again with other content is a reused form, refused.
import type { Migration } from './context.js';
import { id, ref, str, int, date } from './columns.js';
import { schemaOnce } from './schema-once.js';

export const formSubmissions: Migration = {
  name: '0030-form-submissions',
  async up({ queryInterface: q }) {
    const schema = schemaOnce(q);
    await schema.createTable('ticket_form_submissions', {
      id: id(),
      ticket_id: ref('tickets', false, 'CASCADE'),
      action: str(20),
      form_key: str(64),
      digest: str(64),
      user_id: ref('users', true, 'SET NULL'),
      event_id: int(null),
      created_at: date(false),
    });
    await schema.addIndex('ticket_form_submissions', ['ticket_id', 'action', 'form_key'], { unique: true, name: 'ticket_form_submissions_key_uq' });
  },
  async down({ queryInterface: q }) {
    await q.dropTable('ticket_form_submissions');
  },
};
