// Request data no route should see: a NUL in the path, the query, a form or a JSON body (key or value). SQLite
// ends a statement's text at a NUL (500 "unrecognized token") and a mail server may cut at it, so it is refused
// here, once, before any route or query runs. Raw uploads (Buffers) are bytes, not text, and are left alone.
import type { RequestHandler } from 'express';
import { BadRequest } from '../errors.js';

const MAX_DEPTH = 32;

/** True when `value` (a parsed query or body) holds a NUL in a string or a key, or nests absurdly deep. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes('\0') || holdsNul(v, depth + 1));
}

export const rejectNul: RequestHandler = (req, _res, next) => {
  // The path is checked still encoded: route parameters are decoded later, by the router.
  if (/%00/i.test(req.path) || holdsNul(req.query) || holdsNul(req.body)) return next(BadRequest('NUL in request data'));
  next();
};
