// The layer boundaries (issue 12), checked one file at a time: each import specifier is resolved against the
// importing file's path and both ends are placed in the project's folders. Cycles between service folders need
// the whole import graph, so test/unit/architecture/service-folders.test.ts checks those instead.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// One adapter per outside mail library, all in server/mail (see CONVENTIONS.md).
const MAIL_LIBRARIES = new Set(['imapflow', 'mailparser', 'nodemailer', 'smtp-server']);

// The edges reach the database only through services; opening the connection is the composition root's
// (server/composition.ts, not an edge). These value imports from server/db are the exceptions:
const EDGE_DB_VALUES = {
  // Start-up and the `migrate` command run migrations: schema work that comes before any service can run.
  migrateUp: true,
};

const EDGES = ['server/web/', 'server/cli/', 'jobs/'];

// Files exempt from a rule, each with why. Tests exercise internals and play the other side of the mail servers
// (an IMAP client logging in, a capture SMTP server); benchmarks time internals as unit tests test them.
const isTest = (rel) => rel.startsWith('test/');
const isBench = (rel) => rel.startsWith('scripts/bench/');

const under = (rel, dir) => rel.startsWith(dir);
const posix = (p) => p.split(path.sep).join('/');
const serviceFolder = (rel) => (rel.startsWith('server/services/') ? rel.split('/')[2] : null);

/**
 * A dynamic import (the CLI loads what a command needs in its action): `const { a, b } = await import('…')` brings
 * in the names destructured; any other form takes the whole module.
 */
function dynamicNames(node) {
  const decl = node.parent?.type === 'AwaitExpression' ? node.parent.parent : null;
  if (decl?.type !== 'VariableDeclarator' || decl.id.type !== 'ObjectPattern') return ['*'];
  if (decl.id.properties.some((p) => p.type !== 'Property' || p.computed)) return ['*'];
  return decl.id.properties.map((p) => p.key.name ?? p.key.value);
}

/** The names an import or re-export brings in as values (type-only ones left out); ['*'] for a whole module. */
function valueNames(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return [];
  if (node.type === 'ImportExpression') return dynamicNames(node);
  if (node.type === 'ExportAllDeclaration') return ['*'];
  if (!node.specifiers?.length) return ['*'];
  return node.specifiers
    .filter((s) => s.importKind !== 'type' && s.exportKind !== 'type')
    .map((s) => (s.type === 'ImportSpecifier' ? (s.imported.name ?? s.imported.value) : s.type === 'ExportSpecifier' ? s.local.name : '*'));
}

export default {
  rules: {
    imports: {
      meta: {
        type: 'problem',
        docs: { description: 'keeps imports within the layer boundaries of issue 12' },
        schema: [],
        messages: {
          mailLibrary: '{{lib}} is imported only in server/mail/ (one adapter per mail library).',
          // A migration that imports live code changes what a fresh database gets whenever that code changes.
          migrationService: 'Migrations never import server/services/: copy the values into the migration.',
          edgeDb: '{{name}} from server/db: web, cli and jobs reach the database only through a service.',
          serviceInternal: 'Import services/{{folder}}/index.js, the folder\'s public surface, not {{target}}.',
          webJobs: 'server/web must not import jobs/: call the service the job calls.',
        },
      },
      create(context) {
        const rel = posix(path.relative(ROOT, context.filename));
        const check = (node) => {
          const source = node.source;
          if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
          const spec = source.value;
          if (!spec.startsWith('.')) {
            const lib = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
            if (MAIL_LIBRARIES.has(lib) && !under(rel, 'server/mail/') && !isTest(rel)) {
              context.report({ node: source, messageId: 'mailLibrary', data: { lib } });
            }
            return;
          }
          const target = posix(path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)));
          if (under(rel, 'server/db/migrations/') && under(target, 'server/services/')) {
            context.report({ node: source, messageId: 'migrationService' });
          }
          if (EDGES.some((e) => under(rel, e)) && under(target, 'server/db/')) {
            for (const name of valueNames(node)) {
              if (!EDGE_DB_VALUES[name]) context.report({ node: source, messageId: 'edgeDb', data: { name } });
            }
          }
          const folder = serviceFolder(target);
          if (folder && serviceFolder(rel) !== folder && !isTest(rel) && !isBench(rel)) {
            const inside = target.split('/').slice(3).join('/');
            if (!/^index(\.[mc]?[jt]s)?$/.test(inside)) {
              context.report({ node: source, messageId: 'serviceInternal', data: { folder, target: target.replace(/^server\//, '') } });
            }
          }
          if (under(rel, 'server/web/') && under(target, 'jobs/')) context.report({ node: source, messageId: 'webJobs' });
        };
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};
