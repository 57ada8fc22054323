// Subject prefixes that out-of-office and auto-responders put in front of the original subject.
// Last-resort heuristic: only used when no header said anything (sisimai rfc3834-03 has nothing
// but "Auto reply:"). Matched after folding (lower case, tone marks and đ removed) so
// "Trả lời tự động" and "Tra loi tu dong" both match.
const AUTO_REPLY_SUBJECT_PREFIXES = [
  // English (Outlook, Apple Mail, Gmail, Zimbra)
  'automatic reply', 'auto reply', 'auto-reply', 'autoreply', 'auto response', 'auto-response',
  'autoresponse', 'autorespons', 'automated response', 'vacation reply',
  // Vietnamese
  'trả lời tự động', 'thư trả lời tự động', 'phản hồi tự động', 'thư tự động',
  // German, French, Spanish, Italian, Dutch, Portuguese, Nordic, Finnish
  'automatische antwort', 'abwesenheitsnotiz', 'réponse automatique', 'respuesta automática',
  'risposta automatica', 'automatisch antwoord', 'resposta automática', 'autosvar',
  'automaattinen vastaus',
  // Russian, Chinese, Japanese, Korean
  'автоматический ответ', 'автоответ', '自动回复', '自動回覆', '自動応答', '自動返信', '자동 회신', '자동 응답',
  // Words a citizen could open a real subject with ("Out of office hours the ward…",
  // "Vắng mặt tại buổi họp…") count only when a colon follows, as responders write them.
  'out of office:', 'out of the office:', 'vắng mặt:', 'không có mặt tại văn phòng:', 'abwesend:',
  'absence du bureau:', 'fuera de la oficina:',
].map(foldSubject);

/** Lower-cases and removes Vietnamese (and other Latin) diacritics: tones, hooks, đ → d. */
export function foldSubject(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFC')
    .toLowerCase()
    .replace(/：/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The matched prefix when the subject starts like an auto-responder's, else null. */
export function autoReplySubjectPrefix(subject: string): string | null {
  const folded = foldSubject(subject).replace(/^\[[^\]]*\]\s*/, '');
  for (const prefix of AUTO_REPLY_SUBJECT_PREFIXES) {
    if (!folded.startsWith(prefix)) continue;
    // A whole-word match: "Autoreply:" counts, "Autoreplying is broken" does not.
    const next = folded.charAt(prefix.length);
    if (prefix.endsWith(':') || next === '' || !/[\p{L}\p{N}]/u.test(next)) return prefix;
  }
  return null;
}

// Subjects of non-delivery notices whose headers (no DSN, no MAILER-DAEMON) say nothing.
const BOUNCE_SUBJECT = new RegExp(
  [
    '^undeliver(ed|able)( mail)?\\b', '^returned mail\\b', '^mail delivery failed',
    '^delivery (status notification|failure|notification)', '^failure notice',
    '^mail system error', '^non.?delivery', '^thư không gửi được', '^khong gui duoc thu',
  ].join('|'),
  'i',
);

export function looksLikeBounceSubject(subject: string): boolean {
  return BOUNCE_SUBJECT.test(foldSubject(subject)) || BOUNCE_SUBJECT.test(subject.trim());
}
