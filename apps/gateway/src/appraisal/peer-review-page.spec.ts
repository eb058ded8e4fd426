import { peerReviewPage } from './peer-review-page.js';

const view = { person: { name: 'Ray <Rep>' }, period: '2027-H1', dueAt: '2027-07-05T09:59:00.000Z', locale: 'en', timezone: 'Asia/Shanghai' };

describe('peer review page', () => {
  it('shows the deadline as the peer request email does (formatInstant in the peer\u2019s zone), escaped, in the shared layout', () => {
    const html = peerReviewPage(view, 'en');
    expect(html).toContain('Please answer by 2027-07-05 17:59 (Asia/Shanghai)');
    expect(html).toContain('Ray &lt;Rep&gt;');
    expect(html).toMatch(/<main id="content" class="narrow"><h1>Teamwork rating<\/h1>/);
    expect(html).toContain('<fieldset><legend>Rating</legend>');
  });
});
