// Binds the web listener and turns a failure into a message an operator can act on. Express 5 hands a listen
// error to listen()'s callback, so `app.listen(port, () => log('web.listening'))` logged "listening" on a busy
// port and the process stayed up (worker and scheduler running) with no listener; now start-up stops instead.
import http, { type Server } from 'node:http';
import type { Express } from 'express';

/** A listener that could not be opened; its message says what to do. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export function listenProblem(err: NodeJS.ErrnoException, port: number): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `port ${port} is already in use (another govmail, or another program). Stop that process, or set PORT to a free port.`;
    case 'EACCES':
      return `no permission to listen on port ${port}: ports below 1024 need privileges. Set PORT to 1024 or above (3000 by default) and put a reverse proxy in front.`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on port ${port}: the address is not available on this machine. Check the network settings.`;
    default:
      return `cannot listen on port ${port}: ${err.code ? `${err.code} ` : ''}${err.message}`;
  }
}

/** Resolves with the listening server, or rejects with a ListenError. */
export function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.once('error', (err: NodeJS.ErrnoException) => reject(new ListenError(listenProblem(err, port))));
    server.listen(port, () => resolve(server));
  });
}
