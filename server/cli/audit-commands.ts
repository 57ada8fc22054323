// audit:verify, audit:head. The head printed by audit:head is meant to leave the database's reach (printed,
// mailed to the auditor, kept on another machine): audit:verify --head FILE then proves that no row up to it
// was removed or rewritten, even by someone who can also rewrite audit_head.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { CommandModule } from './context.js';
import { CliError } from './context.js';
import type { VerifyResult, ChainPoint } from '../services/audit/index.js';

const audit = () => import('../services/audit/index.js');

const anchorFile = z.object({
  seq: z.number().int().min(0),
  id: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

async function readAnchor(path: string): Promise<ChainPoint> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the anchored head ${path}: ${(e as Error).message}`);
  }
  try {
    return anchorFile.parse(JSON.parse(text));
  } catch {
    throw new CliError(`${path} is not a head printed by \`govmail audit:head --json\` ({"seq", "id", "hash"})`);
  }
}

function failUnlessIntact(opts: { json?: boolean }, result: VerifyResult, print: (data: unknown) => void): asserts result is Extract<VerifyResult, { ok: true }> {
  if (result.ok) return;
  if (opts.json) print(result);
  throw new CliError(`audit chain broken at row ${result.brokenRowId}: ${result.reason}`, 1, result);
}

export const auditCommands: CommandModule = (program, ctx) => {
  program
    .command('audit:verify')
    .description('check the audit log hash chain against audit_head (and an anchored head); exits 1 naming the first broken row')
    .option('--head <file>', 'a head saved from `audit:head --json`: the chain must still pass through it')
    .option('--json', 'print JSON')
    .action(async (opts: { head?: string; json?: boolean }) => {
      const anchor = opts.head ? await readAnchor(opts.head) : undefined;
      const { verifyAuditChain } = await audit();
      const result = await verifyAuditChain(ctx.db(), { anchor, secretKey: ctx.env.SECRET_KEY });
      failUnlessIntact(opts, result, (data) => ctx.print(opts, data, () => ''));
      ctx.print(opts, result, () => `audit chain intact (${result.rows} rows${anchor ? `, through the anchored row ${anchor.id}` : ''})`);
    });

  program
    .command('audit:head')
    .description('print the verified head of the audit chain, to keep outside the database (check later with audit:verify --head FILE)')
    .option('--json', 'print JSON (the form audit:verify --head reads)')
    .action(async (opts: { json?: boolean }) => {
      // A head is only worth anchoring if the chain up to it is intact.
      const { verifyAuditChain } = await audit();
      const result = await verifyAuditChain(ctx.db(), { secretKey: ctx.env.SECRET_KEY });
      failUnlessIntact(opts, result, (data) => ctx.print(opts, data, () => ''));
      ctx.print(opts, result.head, () => [
        `audit head: row ${result.head.id}, ${result.head.seq} rows, hash ${result.head.hash}`,
        'Keep it outside the database (print it, send it to the auditor); `govmail audit:head --json > FILE`',
        'saves the form that `govmail audit:verify --head FILE` checks.',
      ]);
    });
};
