// The mail the soak's outside world writes: citizens' first mails and follow-ups (answering our receipt), their
// vacation auto-replies, and a relay's delivery status notification for one of our replies. Plain RFC 5322 built
// on the hotline fixture's mail(); a DSN is multipart/report with the returned headers, as Postfix sends one.
import { mail } from '../../test/integration/ingestion/hotline-fixture.js';

export { mail };

/** The header fields the soak reads back from a captured mail (unfolded, first occurrence). */
export function headerOf(raw: Buffer, name: string): string | null {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head);
  return m ? m[1].trim() : null;
}

export const normId = (id: string) => id.trim().replace(/^<|>$/g, '').toLowerCase();

export function autoReply(h: { from: string; to: string; inReplyTo: string; messageId: string }): Buffer {
  return mail({ from: h.from, to: h.to, subject: 'Trả lời tự động: Tôi đang đi vắng', messageId: h.messageId,
    headers: ['Auto-Submitted: auto-replied', `In-Reply-To: ${h.inReplyTo}`], body: 'Tôi đang đi công tác, sẽ trả lời sau ngày 10.' });
}

export function dsn(h: { to: string; failedRcpt: string; original: Buffer; messageId: string }): Buffer {
  const returned = h.original.toString('utf8').split(/\r?\n\r?\n/, 1)[0];
  return Buffer.from([
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.vn>', `To: ${h.to}`, 'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${h.messageId}`, 'Date: Mon, 02 Mar 2026 09:20:00 +0700', 'Auto-Submitted: auto-replied', 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="soak-dsn"', '',
    '--soak-dsn', 'Content-Type: text/plain; charset=utf-8', '', `<${h.failedRcpt}>: host mx.example.vn said: 550 5.1.1 User unknown`, '',
    '--soak-dsn', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.vn', '',
    `Final-Recipient: rfc822; ${h.failedRcpt}`, 'Action: failed', 'Status: 5.1.1', '',
    '--soak-dsn', 'Content-Type: text/rfc822-headers', '', returned, '', '--soak-dsn--', ''].join('\r\n'), 'utf8');
}
