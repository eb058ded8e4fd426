import { sampleData } from '../email-fixtures.js';
import type { Locale } from '../locale.js';
import { renderEmail } from '../render-email.js';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CJK = /[\u4e00-\u9fff]/;

describe('attrition-alert email', () => {
  it('names the person, each signal that held with its numbers, the three tasks with their due dates, the guardrail and the cooldown', () => {
    const email = renderEmail('attrition-alert', 'en', sampleData('attrition-alert'));
    expect(email.subject).toBe('Attrition risk: Li Lei (3 signals)');
    expect(email.text).toContain('The daily scan found signs that Li Lei (li.lei@example.com), who reports to you, may be thinking of leaving.');
    expect(email.text).toContain('Falling appraisal score: 82 in 2026-Q2, 64 in 2026-Q3: down 18 (an alert from 10)');
    expect(email.text).toContain('Missed targets: the last 3 periods (months) below 80% of target: 2026-09 40%, 2026-10 55%, 2026-11 62%');
    expect(email.text).toContain('Mandatory training overdue: 1 requirements overdue and not completed (an alert from 1)');
    expect(email.text).not.toContain('Commission below');
    expect(email.text).toContain('  - Have a conversation with Li Lei, due 2026-12-04 18:00 (Asia/Shanghai)');
    expect(email.text).toContain('  - Review their pay and promotion prospects, due 2026-12-15 18:00 (Asia/Shanghai)');
    expect(email.text).toContain('  - Agree a training and development plan, due 2026-12-15 18:00 (Asia/Shanghai)');
    expect(email.text).toContain('never absence, health or personal data');
    expect(email.text).toContain('(alert ID ra_02ATTR01). It is not sent again within 30 days unless more signals hold.');
    expect(email.html).toContain('<li>Have a conversation with Li Lei, due 2026-12-04 18:00 (Asia/Shanghai)</li>');
  });

  it('speaks the recipient\u2019s locale', () => {
    for (const locale of LOCALES) {
      const email = renderEmail('attrition-alert', locale, sampleData('attrition-alert'));
      expect(CJK.test(email.text)).toBe(locale === 'zh-CN');
    }
    expect(renderEmail('attrition-alert', 'zh-CN', sampleData('attrition-alert')).text).toContain('与 Li Lei 进行一次谈话');
  });
});
