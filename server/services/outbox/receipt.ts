// The acknowledgement (phiếu tiếp nhận) a citizen gets: a legal receipt, Vietnamese first then English, from
// views/mail/receipt.{text,html}.hbs. Handlebars escapes every value in the HTML version (the subject and
// agency name come from outside), and the text version is compiled with noEscape. The sender's subject is in
// neither, nor in the receipt's subject (fixed text and the case ref): a receipt the agency signs must not carry
// a stranger's words to whoever the sender named (issue 13 item 5).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const VIEWS = fileURLToPath(new URL('../../../views/mail/', import.meta.url));

export interface ReceiptFields {
  ref: string;
  agencyName: string;
  /** local time text, e.g. 2026-03-02 09:15 (GMT+7) */
  receivedAt: string;
  dueAt: string;
  lookupCode: string;
  /** hidden thread marker; lets Outlook replies (rewritten ids) find the ticket */
  marker: string;
  /** PROVINCE_NAME, over the receipt's title */
  provinceName: string;
  /** the lookup page with this ref filled in (never the code) */
  lookupUrl: string;
  /** the emblem image (HTML version only) */
  emblemUrl: string;
}

let compiled: { text: Handlebars.TemplateDelegate; html: Handlebars.TemplateDelegate } | undefined;

function templates() {
  compiled ??= {
    text: Handlebars.compile(fs.readFileSync(VIEWS + 'receipt.text.hbs', 'utf8'), { noEscape: true }),
    html: Handlebars.compile(fs.readFileSync(VIEWS + 'receipt.html.hbs', 'utf8')),
  };
  return compiled;
}

export function renderReceipt(f: ReceiptFields): { subject: string; text: string; html: string } {
  const t = templates();
  return {
    subject: `[${f.ref}] Đã tiếp nhận / Received`,
    text: t.text(f),
    html: t.html(f),
  };
}
