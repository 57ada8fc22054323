// Every route an Express 5 app answers, read from the app itself (method + path), so a test can demand an
// entry for each one: a route added later without an entry then fails that test instead of going unchecked.
// Express 5 (router 2.x) keeps a layer's path as given in `rawPath`; a router mounted with app.use(router) is
// a layer whose handle has its own `stack`, entered with the layer's path as prefix ('/' adds nothing).
// Mounts that are not routers (express.static at /static) serve files, not routes, and are left out.
import type { Express } from 'express';

export interface AppRoute { method: string; path: string }

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

const joinPath = (prefix: string, path: string) => (prefix === '/' || prefix === '' ? path : `${prefix.replace(/\/$/, '')}${path}`);

function walk(stack: LayerLike[], prefix: string, out: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        if (typeof p !== 'string') throw new Error(`a route path that is not a string (${String(p)}): list it by hand`);
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: joinPath(prefix, p) });
        }
      }
    } else if (layer.handle?.stack) {
      walk(layer.handle.stack, joinPath(prefix, typeof layer.rawPath === 'string' ? layer.rawPath : '/'), out);
    }
  }
}

/** `METHOD /path` of every route, in registration order, without duplicates. */
export function appRoutes(app: Express): AppRoute[] {
  const router = (app as unknown as { router?: { stack: LayerLike[] } }).router;
  if (!router) throw new Error('app.router is missing: not an Express 5 app?');
  const out: AppRoute[] = [];
  walk(router.stack, '/', out);
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export const routeKey = (r: AppRoute): string => `${r.method} ${r.path}`;
