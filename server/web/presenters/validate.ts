// zod at the edge: a malformed path parameter is "not found" (404), a malformed form is a bad request (400);
// never a 500 with a stack trace.
import type { ZodType, ZodTypeDef } from 'zod';
import { HttpError, NotFound } from '../errors.js';

export function parseParams<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw NotFound();
  return r.data;
}

export function parseForm<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'hr.error.bad_request', r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}
