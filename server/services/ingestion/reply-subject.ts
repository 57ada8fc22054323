// What subject a mail answers or forwards: "Re: Phản ánh đường hỏng" answers "Phản ánh đường hỏng". Pure.
// A citizen's "Re:" that lost its In-Reply-To (another device, a webmail copy, a client that drops headers) is
// offered to an officer as "may relate to" their open ticket of that subject (thread-decision.ts): never
// threaded on the subject alone, since anyone can write a From header.
import { stripToneMarks } from '../text/index.js';

// Reply and forward prefixes as mail clients write them, folded (no tone marks, lower case): English and
// Vietnamese ("Trả lời", Outlook's "TL"; "Chuyển tiếp", "CT"), and the usual European ones. A counter may
// follow ("Re[2]:", "RE(3):", "Fwd 2:"). Chains of them ("RE: TL: Fwd:") are stripped one by one.
const PREFIX = /^\s*(?:re|aw|sv|antw|fw|fwd|tr|wg|tl|ct|tra loi|phan hoi|chuyen tiep)\s*(?:\[\d+\]|\(\d+\)|\d+)?\s*[:：]/u;
const NOT_A_WORD = /[^\p{L}\p{N}]+/gu;

function fold(subject: string): string {
  return stripToneMarks(subject.normalize('NFC')).toLowerCase();
}

function strip(folded: string): { base: string; prefixes: number } {
  let base = folded;
  let prefixes = 0;
  for (let m = PREFIX.exec(base); m; m = PREFIX.exec(base)) {
    base = base.slice(m[0].length);
    prefixes++;
  }
  return { base: base.replace(NOT_A_WORD, ' ').trim(), prefixes };
}

/** The subject's words, folded, without reply or forward prefixes and punctuation: what two subjects compare by. */
export function subjectKey(subject: string): string {
  return strip(fold(subject)).base;
}

/** The key of the subject this one answers or forwards, or null when it carries no such prefix or nothing after it. */
export function answeredSubject(subject: string): string | null {
  const { base, prefixes } = strip(fold(subject));
  return prefixes > 0 && base !== '' ? base : null;
}
