import { sampleData } from '../email-fixtures.js';
import type { Locale } from '../locale.js';
import { renderEmail } from '../render-email.js';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CJK = /[\u4e00-\u9fff]/;

describe('revisit-digest email', () => {
  it('lists overdue and due-today visits with customer, tier, due time in the recipient zone and overdue working days', () => {
    const email = renderEmail('revisit-digest', 'en', sampleData('revisit-digest'));
    expect(email.subject).toBe('Customer revisits for 2026-12-01: 1 due today, 1 overdue');
    expect(email.text).toContain('Overdue (1)');
    expect(email.text).toContain('Suzhou Precision Parts (C-1002) | Tier: B | Regular revisit | Due: 2026-11-26 09:00 (Asia/Shanghai) | 3 working days | v_late01');
    expect(email.text).toContain('Due today (1)');
    expect(email.text).toContain('Shanghai Huaxin Trading (C-1001) | Tier: A | Post-signing visit | Due: 2026-12-01 14:00 (Asia/Shanghai) | v_today01');
    expect(email.html).toContain('<th style="padding:6px 8px;border:1px solid #e1e4e8;background-color:#f6f8fa;text-align:left;font-weight:bold;">Overdue</th>');
    expect(email.text).not.toContain('delegate');
    expect(email.text).not.toMatch(CJK);
  });

  it('says so when the recipient is the delegate of the absent owner', () => {
    const data = sampleData('revisit-digest');
    data.asDelegate = true;
    data.owner = { name: 'Chen Jing', email: 'chen.jing@example.com' };
    const en = renderEmail('revisit-digest', 'en', data);
    expect(en.subject).toBe('Customer revisits of Chen Jing for 2026-12-01: 1 due today, 1 overdue');
    expect(en.text).toContain('You receive this digest for 2026-12-01 as the delegate of Chen Jing (chen.jing@example.com), who is absent');
    const zh = renderEmail('revisit-digest', 'zh-CN', data);
    expect(zh.text).toContain('Chen Jing（chen.jing@example.com）不在岗，您作为其代理人收到其 2026-12-01 的回访摘要');
  });

  it('leaves out an empty section', () => {
    const data = sampleData('revisit-digest');
    data.overdue = [];
    const email = renderEmail('revisit-digest', 'en', data);
    expect(email.text).not.toContain('Overdue (');
    expect(email.subject).toBe('Customer revisits for 2026-12-01: 1 due today, 0 overdue');
  });

  it('escapes customer names in HTML', () => {
    const data = sampleData('revisit-digest');
    data.today[0].customer.name = '<script>x()</script>';
    const email = renderEmail('revisit-digest', 'en', data);
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('<script>x()</script>');
  });
});

describe('visit-overdue-escalation email', () => {
  it('tells the manager whose visit to which customer is how late, once', () => {
    const email = renderEmail('visit-overdue-escalation', 'en', sampleData('visit-overdue-escalation'));
    expect(email.subject).toBe('Overdue revisit: Suzhou Precision Parts (C-1002), 3 working days late');
    expect(renderEmail('visit-overdue-escalation', 'en', { ...sampleData('visit-overdue-escalation'), visit: { ...sampleData('visit-overdue-escalation').visit, overdueDays: 1 } }).text).toContain('which is 1 working day overdue');
    expect(email.text).toContain('Li Lei (li.lei@example.com) has not recorded the visit to Suzhou Precision Parts below, which is 3 working days overdue.');
    expect(email.text).toContain('Visit ID: v_late01');
    expect(email.text).toContain('only once');
  });
});

describe('revisit emails in both locales', () => {
  for (const kind of ['revisit-digest', 'visit-overdue-escalation'] as const) {
    for (const locale of LOCALES) {
      it(`${kind} / ${locale} greets the recipient in their language`, () => {
        const email = renderEmail(kind, locale, sampleData(kind));
        expect(email.html).toContain(`<html lang="${locale}">`);
        expect(email.text).toContain('Wang Fang');
        expect(email.text).toContain('Suzhou Precision Parts');
        if (locale === 'zh-CN') expect(email.subject).toMatch(CJK);
        else expect(`${email.subject}${email.text}${email.html}`).not.toMatch(CJK);
      });
    }
  }
});
