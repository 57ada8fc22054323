import { headerValue, type ParsedMail } from '../../mail/parsed-mail.js';

// Small readers of header values shared by the classifier rules.

/** `multipart/report; report-type=…` → `multipart/report`. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/** A Content-Type parameter value, unquoted, or ''. */
export function contentTypeParam(contentType: string, name: string): string {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*"?([^";\\s]*)`, 'i').exec(contentType);
  return match ? match[1] : '';
}

/** `auto-generated (failure)` → `auto-generated`, lower-cased. */
export function firstToken(value: string): string {
  return value.trim().split(/[\s;(]/)[0].toLowerCase();
}

/** `Return-Path: <>`: the null sender of DSNs and RFC 3834 auto-replies. */
export function hasNullReturnPath(mail: ParsedMail): boolean {
  return /^<\s*>/.test(headerValue(mail.headers, 'return-path') ?? '');
}

/** Precedence, or X-Precedence when Precedence is absent, as one lower-cased token. */
export function precedenceOf(mail: ParsedMail): string {
  return firstToken(headerValue(mail.headers, 'precedence') ?? headerValue(mail.headers, 'x-precedence') ?? '');
}
