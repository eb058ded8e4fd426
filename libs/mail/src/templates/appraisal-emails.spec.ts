import { sampleData } from '../email-fixtures.js';
import { renderEmail } from '../render-email.js';

/** The appraisal review emails render in both locales with what each recipient needs, and nothing of who rated what. */
describe('appraisal review emails', () => {
  it('asks a peer with the single-use link and the due time in their zone, naming no other peer', () => {
    const en = renderEmail('appraisal-peer-request', 'en', sampleData('appraisal-peer-request'));
    expect(en.subject).toBe('Please rate the teamwork of Wang Fang (2026-Q4)');
    expect(en.text).toContain('Please answer by 2027-01-22 18:00 (Asia/Shanghai)');
    expect(en.text).toContain('https://salesflow.example.com/peer-reviews/pr_sample_token');
    expect(en.html).toContain('href="https://salesflow.example.com/peer-reviews/pr_sample_token"');
    const zh = renderEmail('appraisal-peer-request', 'zh-CN', sampleData('appraisal-peer-request'));
    expect(zh.text).toContain('请在 2027-01-22 18:00');
  });

  it('reminds the owner of a step and escalates naming who owes it', () => {
    const escalation = renderEmail('appraisal-deadline', 'en', sampleData('appraisal-deadline'));
    expect(escalation.subject).toBe('Overdue: the manager review of Wang Fang (2026-Q4)');
    expect(escalation.text).toContain('Li Lei has not reviewed Wang Fang for 2026-Q4, due by 2027-01-29 18:00 (Asia/Shanghai)');
    const reminder = renderEmail('appraisal-deadline', 'zh-CN', { ...sampleData('appraisal-deadline'), action: 'remind', step: 'self', owner: null });
    expect(reminder.subject).toBe('提醒：您 2026-Q4 的自评');
    expect(reminder.text).toContain('截止时间为 2027-01-22 18:00'.replace('01-22', '01-29'));
  });

  it('tells the person the result: band, score, each KPI with its records, a calibration reason, comments without peer names', () => {
    const en = renderEmail('appraisal-result', 'en', sampleData('appraisal-result'));
    expect(en.subject).toBe('Your appraisal for 2026-Q4: Strong');
    expect(en.text).toContain('signed off: Strong, overall score 87.5');
    expect(en.text).toContain('Calibration moved the band from Solid to Strong: Carried the Q4 launch alone');
    expect(en.text).toContain('Sales attainment (%): 112.4 | Score: 100 | Weight: 50% | 2 records: contract:c1 sales-target:t1');
    expect(en.text).toContain('Customer satisfaction (1-5): - | Score: no data: left out, the other weights renormalised');
    expect(en.text).toContain("A colleague\u2019s comment: Always helps with demos");
    const zh = renderEmail('appraisal-result', 'zh-CN', sampleData('appraisal-result'));
    expect(zh.subject).toBe('您 2026-Q4 的绩效评估：Strong');
    expect(zh.text).toContain('团队合作（同事评分，1-5）：4.5');
  });
});
