import { sampleData } from '../email-fixtures.js';
import { renderEmail } from '../render-email.js';

/** Each role of a commission dispute email renders in both locales, with the due time only where there is one. */
describe('commission dispute email', () => {
  it('tells FINANCE the manager missed the SLA and by when to resolve it, in the recipient zone', () => {
    const email = renderEmail('commission-dispute', 'en', sampleData('commission-dispute'));
    expect(email.subject).toBe('Commission dispute not resolved by the manager: Wang Fang, statement 2026-12');
    expect(email.text).toContain('(total 12,345.60 CNY) and their manager did not resolve it in time. Please resolve it by 2027-01-08 18:00 (Asia/Shanghai)');
    expect(email.text).toContain('Reason given: The March deal is missing');
  });

  it('tells the person the outcome with the comment, without a due time', () => {
    const data = { ...sampleData('commission-dispute'), role: 'employee' as const, dueAt: null, outcome: 'upheld', comment: 'Added the "March" deal' };
    const en = renderEmail('commission-dispute', 'en', data);
    expect(en.subject).toBe('Your commission dispute for 2026-12 is resolved: upheld');
    expect(en.text).toContain('Comment: Added the "March" deal');
    const zh = renderEmail('commission-dispute', 'zh-CN', { ...data, role: 'admin' });
    expect(zh.subject).toBe('财务未按时处理的佣金异议：Wang Fang，结算单 2026-12');
  });
});
