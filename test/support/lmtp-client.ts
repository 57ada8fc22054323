// A minimal LMTP client for tests (RFC 2033): delivers one message to one recipient and reports the
// server's per-recipient answer. Written by hand because only server/mail/transport.ts may import nodemailer.
import net from 'node:net';

export class LmtpError extends Error {
  constructor(readonly code: number, readonly response: string) {
    super(`LMTP ${response}`);
  }
}

/** Reads complete (possibly multi-line) replies: "250-…" continues, "250 …" ends. */
function replyReader(sock: net.Socket): () => Promise<string> {
  let buf = '';
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  sock.on('data', (chunk) => {
    buf += chunk.toString('latin1');
    let nl: number;
    while ((nl = buf.indexOf('\r\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 2);
      if (/^\d{3} /.test(line) || !/^\d{3}-/.test(line)) {
        const w = waiting.shift();
        if (w) w(line); else ready.push(line);
      }
    }
  });
  return () => new Promise((resolve, reject) => {
    const r = ready.shift();
    if (r !== undefined) return resolve(r);
    sock.once('close', () => reject(new Error('LMTP connection closed')));
    waiting.push(resolve);
  });
}

/** Delivers raw bytes to `rcpt`; resolves with the final 2xx line, rejects with LmtpError otherwise. */
export async function lmtpDeliver(port: number, rcpt: string, raw: Buffer, host = '127.0.0.1'): Promise<string> {
  const sock = net.connect({ port, host });
  sock.on('error', () => undefined); // surfaced through the reader's close
  const next = replyReader(sock);
  const step = async (cmd: string | null, want: number): Promise<string> => {
    if (cmd !== null) sock.write(`${cmd}\r\n`);
    const line = await next();
    if (Number(line.slice(0, 3)) !== want) throw new LmtpError(Number(line.slice(0, 3)), line);
    return line;
  };
  try {
    await step(null, 220);
    await step('LHLO test.local', 250);
    await step('MAIL FROM:<sender@test.local>', 250);
    await step(`RCPT TO:<${rcpt}>`, 250);
    await step('DATA', 354);
    const body = raw.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    sock.write(Buffer.from(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    return await step(null, 250);
  } finally {
    sock.end('QUIT\r\n');
  }
}
