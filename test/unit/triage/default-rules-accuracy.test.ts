// How well the seed triage rules file realistic citizen mail: the labelled set of test/fixtures/triage, each mail
// parsed and triaged as ingestion does it (parseMail → mailForms → triageMailOf → evaluateRules → triageChanges).
// Prints accuracy per category and per class, on the tuning part, the held-out part and the whole set, and every
// confusion pair with the mails behind it. The bar is on the whole set; the held-out figure says whether the rules
// generalise or were only fitted to the mails they were tuned on.
import { expect } from 'chai';
import { FEEDBACK_CATEGORIES, TICKET_CLASSES } from '../../../server/services/org/categories.js';
import { DEFAULT_TRIAGE_RULES } from '../../../server/services/triage/default-rules.js';
import { keywordTokens, textKey, toneKey } from '../../../server/services/triage/text-keys.js';
import { stripToneMarks } from '../../../server/services/text/tone-marks.js';
import { batchOf, BLIND_DIR, loadLabelled, parseLabelled, type LabelledMail } from './labelled-mails.js';
import { categoryOk, cell, confusions, label, ratio, triageLabelled, type Outcome } from './labelled-triage.js';

type Part = 'tuning' | 'held-out' | 'all';
const PARTS: Part[] = ['tuning', 'held-out', 'all'];
const inPart = (o: Outcome, part: Part) => part === 'all' || o.mail.heldOut === (part === 'held-out');

function table(title: string, groups: [string, Outcome[]][], ok: (o: Outcome) => boolean): string[] {
  const rows = groups.map(([name, os]) => `  ${name.padEnd(24)}${PARTS.map((p) => cell(os.filter((o) => inPart(o, p)), ok)).join('   ')}`);
  return [`${title.padEnd(26)}${PARTS.map((p) => p.padStart(12)).join('   ')}`, ...rows];
}

describe('triage default rules on the labelled citizen mails', () => {
  const mails = loadLabelled();
  let outcomes: Outcome[] = [];
  const classOk = (o: Outcome) => o.class === o.mail.class;
  const priorityOk = (o: Outcome) => o.priority === o.mail.priority;

  before(async () => {
    outcomes = await Promise.all(mails.map(triageLabelled));
    const byCategory = [...FEEDBACK_CATEGORIES.map((c) => c.code), null].map((c) => [label(c), outcomes.filter((o) => o.mail.category === c)] as [string, Outcome[]]);
    const byClass = TICKET_CLASSES.map((c) => [c.code, outcomes.filter((o) => o.mail.class === c.code)] as [string, Outcome[]]);
    const byBatch = [...new Set(outcomes.map((o) => batchOf(o.mail.id)))].sort()
      .map((b) => [`batch ${b}`, outcomes.filter((o) => batchOf(o.mail.id) === b)] as [string, Outcome[]]);
    const heldOutCount = outcomes.filter((o) => o.mail.heldOut).length;
    const heldOut = (o: Outcome) => o.mail.heldOut;
    const report = [
      '', `Labelled mails: ${outcomes.length} (tuning ${outcomes.length - heldOutCount}, held out ${heldOutCount}); * marks a held-out mail.`,
      ...table('Category, by label', byCategory, categoryOk), ...table('  overall', [['category', outcomes]], categoryOk),
      ...table('Category, by batch', byBatch, categoryOk),
      ...table('Class, by label', byClass, classOk), ...table('  overall', [['class', outcomes]], classOk),
      ...table('Priority', [['priority', outcomes]], priorityOk),
      `Misfiled (a wrong category): ${outcomes.filter((o) => o.category !== null && !categoryOk(o)).length}; left for an officer although labelled: ${
        outcomes.filter((o) => o.category === null && o.mail.category !== null).length}`,
      'Category confusions (label → triage):', ...confusions(outcomes, (o) => label(o.mail.category), (o) => label(o.category), heldOut),
      'Class confusions:', ...confusions(outcomes, (o) => o.mail.class, (o) => o.class, heldOut),
      'Priority confusions:', ...confusions(outcomes, (o) => o.mail.priority, (o) => o.priority, heldOut), '',
    ];
    process.stdout.write(report.join('\n') + '\n');
  });

  it('covers every category and class with at least 200 mails', () => {
    expect(mails.length).to.be.at.least(200);
    for (const c of FEEDBACK_CATEGORIES) expect(mails.filter((m) => m.category === c.code), c.code).to.not.be.empty;
    for (const c of TICKET_CLASSES) expect(mails.filter((m) => m.class === c.code), c.code).to.have.length.at.least(5);
    expect(mails.filter((m) => m.category === null)).to.have.length.at.least(10);
    expect(mails.filter((m) => m.heldOut)).to.have.length.within(0.25 * mails.length, 0.35 * mails.length);
  });

  it('files at least 90 % of the mails under the labelled category', () => {
    expect(ratio(outcomes, categoryOk).share).to.be.at.least(0.9);
  });

  it('gives at least 90 % of the mails the labelled class', () => {
    expect(ratio(outcomes, classOk).share).to.be.at.least(0.9);
  });

  it('leaves every mail a careful officer would not be sure of uncategorised, never guessed', () => {
    const guessed = outcomes.filter((o) => o.mail.category === null && o.category !== null).map((o) => `${o.mail.id} → ${o.category} [${o.rule}]`);
    expect(guessed).to.deep.equal([]);
  });
});

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const JOINERS = /^[\s\-\u2010-\u2014_]+$/u;

/**
 * Where a seed keyword matches words of a mail only because folding erased the difference ("múc đất" in "hạn
 * mức đất", "cứu hộ" in "tra cứu hồ sơ"): the mail's words carry marks, and their tones are not the keyword's.
 * Words typed without any mark are left out, since there the writer, not folding, dropped the difference.
 */
function foldingCollisions(mails: readonly LabelledMail[], keywords: readonly string[]): string[] {
  const byFirst = new Map<string, { keyword: string; keys: string[]; tones: string[] }[]>();
  for (const keyword of new Set(keywords)) {
    const keys = keywordTokens(keyword);
    const tones = toneKey(keyword).match(WORD) ?? [];
    if (keys.length !== tones.length) continue; // VNI digits or odd marks: nothing to compare
    byFirst.set(keys[0]!, [...(byFirst.get(keys[0]!) ?? []), { keyword, keys, tones }]);
  }
  const found = new Set<string>();
  for (const m of mails) {
    const text = `${m.subject}\n${m.body}`.normalize('NFC');
    const words = [...text.matchAll(WORD)].map((w) => ({ word: w[0], start: w.index, end: w.index + w[0].length, key: textKey(w[0]) }));
    for (let i = 0; i < words.length; i++) {
      for (const k of byFirst.get(words[i]!.key) ?? []) {
        const span = words.slice(i, i + k.keys.length);
        if (span.length < k.keys.length || k.keys.some((key, j) => span[j]!.key !== key)) continue;
        if (span.some((w, j) => j > 0 && !JOINERS.test(text.slice(span[j - 1]!.end, w.start)))) continue; // not a phrase match
        const marked = span.every((w) => stripToneMarks(w.word) !== w.word);
        if (marked && span.some((w, j) => toneKey(w.word) !== k.tones[j])) {
          found.add(`"${k.keyword}" in "${span.map((w) => w.word).join(' ')}" (${m.id})`);
        }
      }
    }
  }
  return [...found].sort();
}

// Collisions judged harmless, with why; anything else found is a keyword to replace by a safer phrase.
const ACCEPTED_COLLISIONS: Record<string, string> = {
  'xả thải': '"xã thải" is a commune that discharges: the same complaint',
  'cảm ơn': '"cám ơn" is the same word, spelt the older way',
  'tiệm thuốc': '"tiêm thuốc" (injecting drugs) is a health matter too',
  'đất đai': 'found as "đất dài" (a long dirt road) in a body, where no rule reads "đất đai"; land has no other name as common',
  // A real miss (nongnghiep-82, a landslide filed under land), kept because a land rule without the land
  // certificate's everyday name would miss far more: telling "sổ đỏ" from "sợ đổ" needs matching with tone marks.
  'sổ đỏ': '"sợ đổ" (afraid it falls) in a landslide report',
  // Found by the blind set (test/fixtures/triage-heldout):
  'cờ bạc': '"có bác (sĩ)": the health rule, which reads "bác sĩ", runs before the security rule',
  'nông dân': '"(đường dây) nóng dán (ở cổng)", a phrase too rare to give up the farmer\'s name for',
  'mưa lũ': '"mùa lũ" (the flood season) is a disaster matter too',
};

describe('seed keywords and folding', () => {
  it('match no word that only folds like them, in the mails written with tone marks (both labelled sets)', () => {
    const keywords = DEFAULT_TRIAGE_RULES.flatMap((r) => [...(r.conditions.keywordsAny ?? []), ...(r.conditions.keywordsAll ?? []),
      ...(r.conditions.keywordsNone ?? [])]).filter((k) => !(k in ACCEPTED_COLLISIONS));
    expect(foldingCollisions([...loadLabelled(), ...loadLabelled(BLIND_DIR)], keywords)).to.deep.equal([]);
  });

  it('finds the collisions it is meant to find', () => {
    const mail = { ...loadLabelled()[0]!, id: 'm', subject: 'Hỏi hạn mức đất ở', body: 'Tra cứu hồ sơ; xe đang chạy' };
    expect(foldingCollisions([mail], ['múc đất', 'cứu hộ', 'đang cháy', 'hạn mức'])).to.deep.equal([
      '"cứu hộ" in "cứu hồ" (m)', '"múc đất" in "mức đất" (m)', '"đang cháy" in "đang chạy" (m)']);
  });
});

describe('labelled mail files', () => {
  it('name the file, line and field of a broken record', () => {
    const record = (category: string) => `=== x-1\nclass: khieu_nai\ncategory: ${category}\npriority: normal\nsubject: S\n\nBody\n`;
    expect(parseLabelled('dat_dai.txt', record('dat_dai'))[0]).to.include({ id: 'x-1', class: 'khieu_nai', category: 'dat_dai', body: 'Body' });
    expect(parseLabelled('null.txt', record('null'))[0]!.category).to.equal(null);
    expect(() => parseLabelled('dat_dai.txt', record('datdai'))).to.throw('dat_dai.txt:7: x-1: unknown category "datdai"');
    expect(() => parseLabelled('y_te.txt', record('dat_dai'))).to.throw('y_te.txt:7: x-1: category "dat_dai" in y_te.txt');
    expect(() => parseLabelled('dat_dai.txt', '=== x-1\nclass: khieu_nai\npriority: normal\nsubject: S\n\nBody\n')).to.throw('dat_dai.txt:5: x-1: no category');
    expect(() => parseLabelled('dat_dai.txt', 'class: khieu_nai\n')).to.throw('dat_dai.txt:1: expected "=== <id>"');
  });
});
