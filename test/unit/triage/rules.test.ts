import { expect } from 'chai';
import { evaluateRules, senderDomainOf, type TriageMail, type TriageRule } from '../../../server/services/triage/rules.js';

const HOTLINE = 'duongdaynong@stnmt.hoabinh.gov.vn';

function buildRule(overrides: Partial<TriageRule> & { id: string }): TriageRule {
  return { name: overrides.id, position: 10, enabled: true, conditions: { in: 'both' }, actions: {}, ...overrides };
}

function buildMail(overrides: Partial<TriageMail> = {}): TriageMail {
  return {
    hotlineAddress: HOTLINE,
    from: 'Nguyễn Văn An <an.nguyen@gmail.com>',
    subject: 'Phản ánh',
    text: 'Kính gửi quý cơ quan.',
    attachments: [],
    ...overrides,
  };
}

const kw = (id: string, keywordsAny: string[], position = 10, extra: Partial<TriageRule> = {}): TriageRule =>
  buildRule({ id, position, conditions: { in: 'both', keywordsAny }, ...extra });

describe('triage evaluateRules', () => {
  describe('order', () => {
    it('applies rules by position, not by list order, and the first match wins', () => {
      const rules = [
        kw('late', ['đất đai'], 20, { actions: { category: 'dat_dai' } }),
        kw('early', ['đất'], 10, { actions: { category: 'khac' } }),
      ];
      const result = evaluateRules(rules, buildMail({ text: 'tranh chấp đất đai' }));
      expect(result.matched?.id).to.equal('early');
      expect(result.actions).to.deep.equal({ category: 'khac' });
      expect(result.trace.map((t) => [t.ruleId, t.matched])).to.deep.equal([['early', true], ['late', false]]);
      expect(result.trace[1]!.why).to.equal('not_evaluated:early_matched_first');
    });

    it('breaks equal positions by id so the order never depends on how rules were loaded', () => {
      const a = kw('b-rule', ['đất'], 5);
      const b = kw('a-rule', ['đất'], 5);
      expect(evaluateRules([a, b], buildMail({ text: 'đất' })).matched?.id).to.equal('a-rule');
      expect(evaluateRules([b, a], buildMail({ text: 'đất' })).matched?.id).to.equal('a-rule');
    });

    it('skips a disabled rule and lets the next one match', () => {
      const rules = [kw('off', ['đất'], 1, { enabled: false }), kw('on', ['đất'], 2)];
      const result = evaluateRules(rules, buildMail({ text: 'đất' }));
      expect(result.matched?.id).to.equal('on');
      expect(result.trace[0]).to.deep.equal({ ruleId: 'off', matched: false, why: 'disabled' });
    });

    it('returns no match, empty actions and a full trace when nothing fires', () => {
      const result = evaluateRules([kw('x', ['tố cáo'])], buildMail());
      expect(result.matched).to.equal(null);
      expect(result.actions).to.deep.equal({});
      expect(result.trace).to.deep.equal([{ ruleId: 'x', matched: false, why: 'no_keyword_any:both' }]);
    });

    it('matches every mail with a rule that has no conditions (catch-all)', () => {
      const result = evaluateRules([buildRule({ id: 'all' })], buildMail());
      expect(result.trace[0]).to.deep.equal({ ruleId: 'all', matched: true, why: 'no_conditions' });
    });
  });

  describe('keywords', () => {
    const rule = kw('land', ['đất đai']);
    const spellings: Array<[string, string]> = [
      ['with tone marks', 'Tranh chấp đất đai'],
      ['without tone marks', 'Tranh chap dat dai'],
      ['decomposed (NFD)', 'Tranh chấp đất đai'.normalize('NFD')],
      ['in upper case', 'TRANH CHẤP ĐẤT ĐAI'],
    ];
    for (const [how, text] of spellings) {
      it(`matches a keyword in a body written ${how}`, () => {
        expect(evaluateRules([rule], buildMail({ text })).matched?.id).to.equal('land');
      });
    }

    it('matches an old-style keyword against new-style text (hoà / hòa)', () => {
      const result = evaluateRules([kw('hb', ['Hoà Bình'])], buildMail({ subject: 'Gửi UBND tỉnh Hòa Bình' }));
      expect(result.trace[0]!.why).to.equal('keyword:Hoà Bình@subject');
    });

    it('looks only in the subject when the rule says subject', () => {
      const r = buildRule({ id: 's', conditions: { in: 'subject', keywordsAny: ['khiếu nại'] } });
      expect(evaluateRules([r], buildMail({ text: 'đơn khiếu nại' })).matched).to.equal(null);
      expect(evaluateRules([r], buildMail({ subject: 'Đơn khiếu nại' })).matched?.id).to.equal('s');
    });

    it('looks only in the body when the rule says body', () => {
      const r = buildRule({ id: 'b', conditions: { in: 'body', keywordsAny: ['khiếu nại'] } });
      expect(evaluateRules([r], buildMail({ subject: 'khiếu nại' })).matched).to.equal(null);
      expect(evaluateRules([r], buildMail({ text: 'khiếu nại' })).trace[0]!.why).to.equal('keyword:khiếu nại@body');
    });

    it('never lets a phrase span the end of the subject and the start of the body', () => {
      const r = kw('p', ['đất đai']);
      expect(evaluateRules([r], buildMail({ subject: 'Về đất', text: 'đai ốc' })).matched).to.equal(null);
    });

    it('needs every keywordsAll keyword, each anywhere in scope, and names the missing one', () => {
      const r = buildRule({ id: 'all', conditions: { in: 'both', keywordsAll: ['khiếu nại', 'đất đai'] } });
      const hit = evaluateRules([r], buildMail({ subject: 'Khiếu nại', text: 'về đất đai' }));
      expect(hit.matched?.id).to.equal('all');
      const miss = evaluateRules([r], buildMail({ subject: 'Khiếu nại', text: 'về nhà ở' }));
      expect(miss.trace[0]!.why).to.equal('keyword_missing:đất đai');
    });

    it('treats an empty keywordsAny list as no condition', () => {
      const r = buildRule({ id: 'e', conditions: { in: 'both', keywordsAny: [] } });
      expect(evaluateRules([r], buildMail()).matched?.id).to.equal('e');
    });
  });

  describe('continue: a class rule, then a category rule', () => {
    const klass = kw('klass', ['tố cáo'], 10, { actions: { class: 'to_cao', continue: true } });
    const land = kw('land', ['đất đai'], 20, { actions: { class: 'phan_anh_kien_nghi', category: 'dat_dai' } });
    const later = kw('later', ['đất đai'], 30, { actions: { category: 'khac', priority: 'high' } });

    it('lets the next matching rule set what the first left unset, never what it set, and stops at a rule that does not continue', () => {
      const result = evaluateRules([later, land, klass], buildMail({ subject: 'Đơn tố cáo', text: 'về đất đai' }));
      expect(result.actions).to.deep.equal({ class: 'to_cao', category: 'dat_dai' });
      expect(result.matched?.id).to.equal('klass');
      expect(result.fired.map((r) => r.id)).to.deep.equal(['klass', 'land']);
      expect(result.trace.map((t) => [t.ruleId, t.matched, t.why])).to.deep.equal([
        ['klass', true, 'keyword:tố cáo@subject'], ['land', true, 'keyword:đất đai@body'], ['later', false, 'not_evaluated:land_matched_first']]);
    });

    it('keeps the continuing rule\'s fields when no later rule matches, and does not return the continue flag', () => {
      const result = evaluateRules([klass, land], buildMail({ subject: 'Tố cáo', text: 'về nhà ở' }));
      expect(result.actions).to.deep.equal({ class: 'to_cao' });
      expect(result.fired.map((r) => r.id)).to.deep.equal(['klass']);
    });

    it('treats assignee and team as one field: the first rule to name either decides who', () => {
      const team = kw('team', ['đất'], 1, { actions: { team: 'dia-chinh', continue: true } });
      const person = kw('person', ['đất'], 2, { actions: { assignee: 'an', category: 'dat_dai' } });
      expect(evaluateRules([person, team], buildMail({ text: 'đất' })).actions).to.deep.equal({ team: 'dia-chinh', category: 'dat_dai' });
    });

    it('skips a disabled rule between two that fire', () => {
      const off = kw('off', ['đất đai'], 15, { enabled: false, actions: { category: 'khac' } });
      expect(evaluateRules([klass, off, land], buildMail({ subject: 'tố cáo', text: 'đất đai' })).actions.category).to.equal('dat_dai');
    });
  });

  describe('keywordsNone: the wording that looks like the rule\'s but is not', () => {
    const complaint = buildRule({ id: 'kn', conditions: { in: 'both', keywordsAny: ['khiếu nại'], keywordsNone: ['không có ý khiếu nại'] },
      actions: { class: 'khieu_nai' } });

    it('does not fire when an excluded keyword occurs, and says which one and where', () => {
      const result = evaluateRules([complaint], buildMail({ text: 'Tôi không có ý khiếu nại, chỉ hỏi.' }));
      expect(result.matched).to.equal(null);
      expect(result.trace[0]!.why).to.equal('keyword_excluded:không có ý khiếu nại@body');
    });

    it('fires when the excluded words are absent or not in the rule\'s scope', () => {
      expect(evaluateRules([complaint], buildMail({ text: 'Tôi khiếu nại quyết định này.' })).matched?.id).to.equal('kn');
      const subjectOnly = buildRule({ ...complaint, id: 'kns', conditions: { ...complaint.conditions, in: 'subject' } });
      expect(evaluateRules([subjectOnly], buildMail({ subject: 'Đơn khiếu nại', text: 'không có ý khiếu nại' })).matched?.id).to.equal('kns');
    });

    it('folds the excluded words like every keyword (no tone marks, NFD)', () => {
      expect(evaluateRules([complaint], buildMail({ text: 'toi khong co y khieu nai' })).matched).to.equal(null);
      expect(evaluateRules([complaint], buildMail({ text: 'Tôi không có ý khiếu nại'.normalize('NFD') })).matched).to.equal(null);
    });
  });

  describe('hotline and sender', () => {
    it('matches the hotline address case-insensitively', () => {
      const r = buildRule({ id: 'h', conditions: { in: 'both', hotlineAddress: HOTLINE } });
      expect(evaluateRules([r], buildMail({ hotlineAddress: HOTLINE.toUpperCase() })).matched?.id).to.equal('h');
      const other = evaluateRules([r], buildMail({ hotlineAddress: 'hotline@syt.hoabinh.gov.vn' }));
      expect(other.trace[0]!.why).to.equal('hotline_mismatch:hotline@syt.hoabinh.gov.vn');
    });

    it('matches a sender domain and its subdomains, but not a look-alike suffix', () => {
      const r = buildRule({ id: 'gov', conditions: { in: 'both', senderDomain: 'gov.vn' } });
      expect(evaluateRules([r], buildMail({ from: 'vt@stc.hoabinh.gov.vn' })).matched?.id).to.equal('gov');
      expect(evaluateRules([r], buildMail({ from: 'a@GOV.VN' })).matched?.id).to.equal('gov');
      const fake = evaluateRules([r], buildMail({ from: 'a@notgov.vn' }));
      expect(fake.trace[0]!.why).to.equal('sender_domain_mismatch:notgov.vn');
    });

    const senders: Array<[string, string]> = [
      ['an@gmail.com', 'gmail.com'],
      ['"Nguyễn, An" <An@Yahoo.COM.VN>', 'yahoo.com.vn'],
      ['undisclosed', ''],
    ];
    for (const [from, domain] of senders) {
      it(`reads the sender domain of ${JSON.stringify(from)} as ${JSON.stringify(domain)}`, () => {
        expect(senderDomainOf(from)).to.equal(domain);
      });
    }
  });

  describe('attachments', () => {
    const pdf = { filename: 'Đơn khiếu nại.PDF', contentType: 'application/pdf' };
    const photo = { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' };
    const cases: Array<[string, TriageRule['conditions'], TriageMail['attachments'], boolean]> = [
      ['hasAttachment true with one file', { in: 'both', hasAttachment: true }, [photo], true],
      ['hasAttachment true with none', { in: 'both', hasAttachment: true }, [], false],
      ['hasAttachment false with none', { in: 'both', hasAttachment: false }, [], true],
      ['hasAttachment false with one file', { in: 'both', hasAttachment: false }, [pdf], false],
      ['extension "pdf" on an upper-case .PDF name', { in: 'both', attachmentType: 'pdf' }, [photo, pdf], true],
      ['extension "pdf" on a nameless application/pdf', { in: 'both', attachmentType: 'pdf' },
        [{ filename: 'scan', contentType: 'application/pdf' }], true],
      ['extension ".docx" when only a photo came', { in: 'both', attachmentType: '.docx' }, [photo], false],
      ['MIME wildcard "image/*"', { in: 'both', attachmentType: 'image/*' }, [pdf, photo], true],
      ['exact MIME type with parameters', { in: 'both', attachmentType: 'application/pdf' },
        [{ filename: 'x', contentType: 'Application/PDF; name="x"' }], true],
      ['exact MIME type that differs', { in: 'both', attachmentType: 'application/pdf' }, [photo], false],
    ];
    for (const [what, conditions, attachments, expected] of cases) {
      it(`${expected ? 'matches' : 'does not match'}: ${what}`, () => {
        const result = evaluateRules([buildRule({ id: 'a', conditions })], buildMail({ attachments }));
        expect(result.trace[0]!.matched).to.equal(expected);
      });
    }
  });

  it('needs all conditions of a rule together (AND) and reports them in the trace', () => {
    const r = buildRule({
      id: 'and',
      conditions: { in: 'both', senderDomain: 'gmail.com', hasAttachment: true, keywordsAny: ['sổ đỏ'] },
      actions: { category: 'dat_dai', assignee: 'user-7' },
    });
    const attachments = [{ filename: 'so-do.jpg', contentType: 'image/jpeg' }];
    const result = evaluateRules([r], buildMail({ text: 'xin cấp so do', attachments }));
    expect(result.trace[0]!.why).to.equal('sender_domain:gmail.com; has_attachment; keyword:sổ đỏ@body');
    expect(result.actions).to.deep.equal({ category: 'dat_dai', assignee: 'user-7' });
    expect(evaluateRules([r], buildMail({ text: 'xin cấp sổ đỏ' })).trace[0]!.why).to.equal('no_attachment');
  });
});
