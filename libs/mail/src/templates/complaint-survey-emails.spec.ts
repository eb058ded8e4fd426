import { sampleData } from '../email-fixtures.js';
import type { Locale } from '../locale.js';
import { renderEmail } from '../render-email.js';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CJK = /[\u4e00-\u9fff]/;
const KINDS = ['complaint-assigned', 'complaint-reminder', 'complaint-escalation', 'survey-request', 'survey-low-score'] as const;

describe('complaint emails', () => {
  it('complaint-assigned names the customer, the complaint id, the severity and both deadlines in the recipient zone', () => {
    const email = renderEmail('complaint-assigned', 'en', sampleData('complaint-assigned'));
    expect(email.subject).toBe('Complaint assigned to you: Suzhou Precision Parts (critical), complaint cp_01JD9A2B');
    expect(email.text).toContain('A complaint of critical severity from Suzhou Precision Parts has been assigned to you. Please acknowledge it by 2026-12-01 12:00 (Asia/Shanghai) and resolve it by 2026-12-03 10:00 (Asia/Shanghai).');
    expect(email.text).toContain('Reported by Li Lei (li.lei@example.com).');
    expect(email.text).toContain('Complaint ID: cp_01JD9A2B');
    expect(email.text).toContain('Description: The last shipment arrived damaged.');
  });

  it('complaint-reminder asks for the phase that is due, by its deadline', () => {
    const ack = renderEmail('complaint-reminder', 'en', sampleData('complaint-reminder'));
    expect(ack.subject).toBe('Reminder: acknowledge the complaint from Suzhou Precision Parts, complaint cp_01JD9A2B');
    expect(ack.text).toContain('has not been acknowledged yet. Please acknowledge it by 2026-12-01 12:00 (Asia/Shanghai).');
    const resolve = renderEmail('complaint-reminder', 'zh-CN', { ...sampleData('complaint-reminder'), phase: 'resolve', dueAt: '2026-12-03T02:00:00Z' });
    expect(resolve.subject).toBe('提醒：请解决来自Suzhou Precision Parts的投诉，投诉 cp_01JD9A2B');
    expect(resolve.text).toContain('尚未解决，请在 2026-12-03 10:00 (Asia/Shanghai) 前解决。');
  });

  it('complaint-escalation says who missed which deadline and why this recipient is told, once', () => {
    const manager = renderEmail('complaint-escalation', 'en', sampleData('complaint-escalation'));
    expect(manager.subject).toBe('Complaint not resolved in time: Suzhou Precision Parts (critical), complaint cp_01JD9A2B');
    expect(manager.text).toContain('Zhou Xin (zhou.xin@example.com) did not resolve the complaint from Suzhou Precision Parts below (critical severity) by its deadline, 2026-12-03 10:00 (Asia/Shanghai).');
    expect(manager.text).toContain('You are told as their manager.');
    expect(manager.text).toContain('only once');
    const director = renderEmail('complaint-escalation', 'en', { ...sampleData('complaint-escalation'), phase: 'acknowledge', role: 'director' });
    expect(director.subject).toMatch(/^Complaint not acknowledged in time/);
    expect(director.text).toContain('sales director responsible for this customer');
  });

  it('escapes complaint text in HTML and keeps it verbatim in the text part', () => {
    const data = sampleData('complaint-assigned');
    data.complaint.description = '<script>x()</script>';
    const email = renderEmail('complaint-assigned', 'en', data);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(email.text).toContain('<script>x()</script>');
  });
});

describe('survey emails', () => {
  it('survey-request greets the contact, carries the link as a button and as text, and says it works once until it expires', () => {
    const data = sampleData('survey-request');
    const email = renderEmail('survey-request', 'en', data);
    expect(email.subject).toBe('How satisfied are you? A one-minute survey for Suzhou Precision Parts');
    expect(email.text).toContain('Hello Chen Hao,');
    expect(email.text).toContain('Your recent complaint has been resolved.');
    expect(email.text).toContain(`Answer the survey: ${data.surveyUrl}`);
    expect(email.text).toContain('It works once, until 2026-12-15 10:00 (Asia/Shanghai).');
    expect(email.html).toContain(`href="${data.surveyUrl}"`);
    const contract = renderEmail('survey-request', 'zh-CN', { ...data, reason: 'contract' });
    expect(contract.text).toContain('感谢您与我们的合作。');
  });

  it('survey-low-score names the contact, the score, the comment and the at-risk visit', () => {
    const email = renderEmail('survey-low-score', 'en', sampleData('survey-low-score'));
    expect(email.subject).toBe('Low satisfaction score from Suzhou Precision Parts (C-1002): 2 of 5');
    expect(email.text).toContain('Chen Hao (chen.hao@suzhou-parts.example) of Suzhou Precision Parts answered a satisfaction survey with a score of 2 out of 5.');
    expect(email.text).toContain('Comment: Delivery was late twice.');
    expect(email.text).toContain('An at-risk visit has been planned for Li Lei, due by 2026-12-03 14:00 (Asia/Shanghai).');
    const bare = renderEmail('survey-low-score', 'en', { ...sampleData('survey-low-score'), comment: null, atRiskVisitDueAt: null });
    expect(bare.text).toContain('Comment: none');
    expect(bare.text).toContain('No at-risk visit could be planned');
  });
});

describe('complaint and survey emails in both locales', () => {
  for (const kind of KINDS) {
    for (const locale of LOCALES) {
      it(`${kind} / ${locale} is written in the recipient's language`, () => {
        const email = renderEmail(kind, locale, sampleData(kind));
        expect(email.html).toContain(`<html lang="${locale}">`);
        expect(`${email.subject}${email.text}`).toContain('Suzhou Precision Parts');
        if (locale === 'zh-CN') expect(email.subject).toMatch(CJK);
        else expect(`${email.subject}${email.text}${email.html}`).not.toMatch(CJK);
      });
    }
  }
});
