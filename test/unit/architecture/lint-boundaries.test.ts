// The boundary rule (scripts/eslint-rules/boundaries.js) run through ESLint with the project's own config, on
// snippets placed at made-up paths: each violation gives the boundary error, and the allowed forms give none.
import { expect } from 'chai';
import { ESLint } from 'eslint';

const eslint = new ESLint({ overrideConfigFile: 'scripts/eslint.config.js' });

/** The boundary messages ESLint gives `code` as if it were the file at `filePath` (relative to the project). */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'boundaries/imports').map((m) => m.message);
}

describe('lint boundary rule', function () {
  // Loading the TypeScript parser on first use is slow on a busy machine.
  this.timeout(60_000);

  describe('reports', () => {
    const violations: Array<[string, string, string, RegExp]> = [
      ['web importing a model value', 'server/web/routes/x.ts',
        "import { ROLES } from '../../db/models/foundation.js';\nexport const r = ROLES;", /ROLES from server\/db/],
      ['web importing a query helper of server/db', 'server/web/routes/x.ts',
        "import { execWrite } from '../../db/index.js';\nexport const e = execWrite;", /execWrite from server\/db/],
      ['a job importing a model value', 'jobs/x.ts',
        "import { ROLES } from '../server/db/models/foundation.js';\nexport const r = ROLES;", /through a service/],
      ['web importing a service file past its index', 'server/web/routes/x.ts',
        "import { listTickets } from '../../services/tickets/list.js';\nexport const l = listTickets;", /services\/tickets\/index\.js/],
      ['the CLI importing a service file past its index, type-only', 'server/cli/x.ts',
        "import type { QueuePage } from '../services/tickets/list.js';\nexport type Q = QueuePage;", /services\/tickets\/index\.js/],
      ['one service folder importing another past its index', 'server/services/sla/x.ts',
        "import { enqueueMail } from '../outbox/enqueue.js';\nexport const e = enqueueMail;", /services\/outbox\/index\.js/],
      ['a migration importing services', 'server/db/migrations/0099-x.ts',
        "import { TICKET_CLASSES } from '../../services/org/index.js';\nexport const c = TICKET_CLASSES;", /Migrations never import/],
      ['a service importing nodemailer', 'server/services/outbox/x.ts',
        "import nodemailer from 'nodemailer';\nexport const n = nodemailer;", /nodemailer is imported only in server\/mail/],
      ['a job importing imapflow', 'jobs/x.ts',
        "import { ImapFlow } from 'imapflow';\nexport const i = ImapFlow;", /imapflow is imported only in server\/mail/],
      ['the CLI opening a database of its own instead of the composition root\'s', 'server/cli/x.ts',
        "import { openDb } from '../db/index.js';\nexport const o = () => openDb('sqlite::memory:');", /openDb from server\/db/],
      ['the CLI importing a whole module of server/db on demand', 'server/cli/x.ts',
        "export const m = async () => import('../db/migrate.js');", /\* from server\/db/],
      ['the CLI destructuring a query helper from a dynamic import of server/db', 'server/cli/x.ts',
        "export const e = async () => { const { execWrite } = await import('../db/index.js'); return execWrite; };", /execWrite from server\/db/],
      ['web importing jobs', 'server/web/routes/x.ts',
        "import { enqueue } from '../../../jobs/index.js';\nexport const e = enqueue;", /must not import jobs/],
    ];
    for (const [what, filePath, code, message] of violations) {
      it(what, async () => {
        const errors = await boundaryErrors(filePath, code);
        expect(errors, errors.join('\n')).to.have.length(1);
        expect(errors[0]).to.match(message);
      });
    }
  });

  describe('allows', () => {
    const allowed: Array<[string, string, string]> = [
      ['web importing a service index', 'server/web/routes/x.ts',
        "import { listTickets } from '../../services/tickets/index.js';\nexport const l = listTickets;"],
      ['web importing types from server/db', 'server/web/routes/x.ts',
        "import type { Db } from '../../db/index.js';\nimport { type Role } from '../../db/models/foundation.js';\nexport type D = [Db, Role];"],
      ['the composition root opening the database', 'server/composition.ts',
        "import { openDb, type Db } from './db/index.js';\nexport const o: () => Db = () => openDb('sqlite::memory:');"],
      ['the migrate command', 'server/cli/core-commands.ts',
        "import { migrateUp } from '../db/migrate.js';\nexport const m = migrateUp;"],
      ['the migrate command importing it in its action', 'server/cli/core-commands.ts',
        "export const m = async () => { const { migrateUp } = await import('../db/migrate.js'); return migrateUp; };"],
      ['the CLI importing a service index in an action', 'server/cli/x.ts',
        "export const l = async () => (await import('../services/tickets/index.js')).listTicketItems;"],
      ['a service file importing its sibling', 'server/services/tickets/x.ts',
        "import { listTickets } from './list.js';\nexport const l = listTickets;"],
      ['a service importing the database', 'server/services/tickets/x.ts',
        "import { execWrite } from '../../db/index.js';\nexport const e = execWrite;"],
      ['a test importing a service internal and a mail library', 'test/unit/x.test.ts',
        "import { listTickets } from '../../server/services/tickets/list.js';\nimport { ImapFlow } from 'imapflow';\nexport const x = [listTickets, ImapFlow];"],
      ['server/mail importing nodemailer', 'server/mail/x.ts',
        "import nodemailer from 'nodemailer';\nexport const n = nodemailer;"],
      ['a migration importing the models', 'server/db/migrations/0099-x.ts',
        "import { ROLES } from '../models/foundation.js';\nexport const r = ROLES;"],
    ];
    for (const [what, filePath, code] of allowed) {
      it(what, async () => {
        expect(await boundaryErrors(filePath, code)).to.deep.equal([]);
      });
    }
  });
});
