// Ground truth for "0 requests to any host but the app": Chromium is pointed at this server as its HTTP proxy, so
// every request to another host arrives here (plain http as "GET http://host/...", https as "CONNECT host:443")
// and is recorded, then dropped. Playwright's request events cannot serve: they do not see requests from a
// sandboxed (opaque-origin) frame at all, and they do report attempts the page's CSP refused, which never leave.
// Loopback (the app) bypasses any proxy in Chromium.
import net from 'node:net';

export interface OffsiteCatcher {
  /** Flags for launchBrowser. */
  browserArgs: string[];
  /** The first line of each request that tried to leave the browser, Chromium's own update checks left out. */
  hits(): string[];
  close(): Promise<void>;
}

/** Chromium's own calls home, made even with background networking off; they come from no page. */
const BROWSER_OWN = /^(CONNECT |[A-Z]+ https?:\/\/)[^/ ]*\b(googleapis\.com|google\.com|gstatic\.com)\b/;

export async function startOffsiteCatcher(): Promise<OffsiteCatcher> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (chunk) => {
      lines.push(chunk.toString('latin1').split('\r\n')[0]);
      socket.destroy();
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    browserArgs: [`--proxy-server=http://127.0.0.1:${port}`],
    hits: () => lines.filter((l) => !BROWSER_OWN.test(l)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
