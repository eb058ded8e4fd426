import { surveyErrorPage, surveyLocale, surveyPage, surveyThanksPage } from './survey-page.js';

const view = { customerName: '<script>alert(1)</script> & Co', contactName: 'Lee', locale: 'en', expiresAt: '2027-03-26T06:30:00.000Z', timezone: 'Asia/Shanghai' };

describe('survey page', () => {
  it('shows a form that POSTs to the same address, with the five scores and an optional comment', () => {
    const html = surveyPage(view, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<form method="post">');
    for (const score of [1, 2, 3, 4, 5]) expect(html).toContain(`name="score" value="${score}"`);
    expect(html).toContain('<textarea name="comment"');
  });

  it('shows the expiry as the survey email does (formatInstant in the owner\u2019s zone), inside the page\u2019s main landmark', () => {
    const html = surveyPage(view, 'en');
    expect(html).toContain('2027-03-26 14:30 (Asia/Shanghai)');
    expect(html).toMatch(/<main id="content"[^>]*><h1>Satisfaction survey<\/h1>/);
  });

  it('escapes everything it shows', () => {
    const html = surveyPage(view, 'en');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(surveyErrorPage(410, '<img src=x>', 'zh-CN')).toContain('&lt;img src=x&gt;');
  });

  it('speaks the contact\u2019s language, zh-CN by default', () => {
    expect(surveyPage(view, 'zh-CN')).toContain('满意度调查');
    expect(surveyThanksPage(4, 'en')).toContain('4 / 5');
    expect(surveyLocale('en-US')).toBe('en');
    expect(surveyLocale(undefined)).toBe('zh-CN');
    expect(surveyErrorPage(410, 'gone', 'en')).toContain('This link can no longer be used');
  });
});
