// An SMTP peer for tests: accepts mail on a free loopback port and keeps every message, and can be told to
// answer the next transactions with an error code or to drop the connection in the middle of DATA.
import type net from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';
import { freePort } from './free-port.js';

export interface CapturedMessage {
  envelope: { from: string | null; to: string[] };
  raw: Buffer;
}

export interface SmtpCapture {
  port: number;
  url: string;
  messages: CapturedMessage[];
  /** Answer the next `times` messages (at end of DATA) with `code`, e.g. 451 or 550. */
  failNext(code: number, times?: number): void;
  /** Destroy the socket after the next `times` messages' DATA has been read, without any reply. */
  dropNext(times?: number): void;
  /** Resolves once at least n messages have been captured. */
  waitFor(n: number, timeoutMs?: number): Promise<CapturedMessage[]>;
  clear(): void;
  stop(): Promise<void>;
}

type Fault = { kind: 'fail'; code: number } | { kind: 'drop' };

function collect(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

const address = (a: SMTPServerAddress | false): string | null => (a ? a.address : null);

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMessage[] = [];
  const faults: Fault[] = [];
  const sockets = new Map<number, net.Socket>();
  const waiters: (() => void)[] = [];

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    async onData(stream, session, callback) {
      const raw = await collect(stream);
      const fault = faults.shift();
      if (fault?.kind === 'drop') {
        sockets.get(session.remotePort)?.destroy();
        return;
      }
      if (fault?.kind === 'fail') {
        return callback(Object.assign(new Error(`capture: injected ${fault.code}`), { responseCode: fault.code }));
      }
      messages.push({ envelope: { from: address(session.envelope.mailFrom), to: session.envelope.rcptTo.map((r) => r.address) }, raw });
      waiters.splice(0).forEach((w) => w());
      callback();
    },
  });
  // smtp-server does not hand the socket to onData; the client's port identifies it.
  server.server.on('connection', (sock: net.Socket) => {
    const port = sock.remotePort ?? 0;
    sockets.set(port, sock);
    sock.on('close', () => sockets.delete(port));
  });
  server.on('error', () => undefined); // dropped sockets surface here; they are the point of dropNext

  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext: (code, times = 1) => {
      for (let i = 0; i < times; i += 1) faults.push({ kind: 'fail', code });
    },
    dropNext: (times = 1) => {
      for (let i = 0; i < times; i += 1) faults.push({ kind: 'drop' });
    },
    waitFor: (n, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`smtp capture: ${messages.length} of ${n} messages after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(timer);
            resolve(messages.slice());
          } else waiters.push(check);
        };
        check();
      }),
    clear: () => {
      messages.length = 0;
      faults.length = 0;
    },
    stop: async () => {
      for (const s of sockets.values()) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
