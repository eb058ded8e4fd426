import { sampleData } from '../email-fixtures.js';
import { renderEmail } from '../render-email.js';

/** The sign-in email carries the link and when it stops working, in the reader's zone and language. */
describe('sign-in link email', () => {
  it('renders the link as a button and as text, with the expiry in the recipient\u2019s zone', () => {
    const en = renderEmail('sign-in-link', 'en', sampleData('sign-in-link'));
    expect(en.subject).toBe('Your sign-in link to salesflow');
    expect(en.text).toContain('until 2027-01-22 18:15 (Asia/Shanghai)');
    expect(en.text).toContain('https://salesflow.example.com/auth/link/si_sample_token');
    expect(en.html).toContain('href="https://salesflow.example.com/auth/link/si_sample_token"');
    expect(en.text).toContain('If you did not ask for it, ignore this email');
    const zh = renderEmail('sign-in-link', 'zh-CN', sampleData('sign-in-link'));
    expect(zh.subject).toBe('您的 salesflow 登录链接');
    expect(zh.text).toContain('有效期至 2027-01-22 18:15');
  });
});
