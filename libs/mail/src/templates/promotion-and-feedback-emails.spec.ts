import { sampleData } from '../email-fixtures.js';
import { renderEmail } from '../render-email.js';

/** The manager's training-feedback email and the promotion nomination emails, in both locales. */
describe('training feedback email', () => {
  it('names each weak KPI with its score and threshold, and the course or that none was found', () => {
    const email = renderEmail('training-feedback', 'en', sampleData('training-feedback'));
    expect(email.subject).toBe('Training after the 2026-Q4 appraisal: Ray Rep');
    expect(email.text).toContain('- Sales attainment (%): score 42.5, threshold 60 (course category sales_skills): enrolled in Consultative selling (SS-101), session starting 2027-01-12 09:00 (Asia/Shanghai)');
    expect(email.text).toContain('- Customer satisfaction (1-5): score 30, threshold 50 (course category customer_relationship): no course found for their role in this category');
    const zh = renderEmail('training-feedback', 'zh-CN', sampleData('training-feedback'));
    expect(zh.text).toContain('销售目标达成率（%）：得分 42.5，阈值 60');
    expect(zh.text).toContain('该类别下没有适合其岗位的课程');
  });
});

describe('promotion nomination email', () => {
  it('tells HR of the nomination with the streak as evidence', () => {
    const email = renderEmail('promotion-nomination', 'en', sampleData('promotion-nomination'));
    expect(email.subject).toBe('Promotion nomination: Ray Rep, 2 appraisals in a row rated exceeds');
    expect(email.text).toContain('- 2026-Q3: score 93.5, band exceeds');
    expect(email.text).toContain('- 2026-Q4: score 95, band exceeds');
  });

  it('asks the manager to decide, and tells HR the decision with the reason', () => {
    const manager = renderEmail('promotion-nomination', 'en', { ...sampleData('promotion-nomination'), role: 'manager' });
    expect(manager.text).toContain('please confirm or decline the nomination with a reason (POST /promotion-nominations/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/decision)');
    const decided = { ...sampleData('promotion-nomination'), status: 'DECLINED' as const, decidedBy: { name: 'Mia Manager', email: 'manager@example.com' }, reason: 'Not <yet> ready' };
    const en = renderEmail('promotion-nomination', 'en', decided);
    expect(en.subject).toBe('Promotion nomination declined by the manager: Ray Rep');
    expect(en.text).toContain('Mia Manager declined the promotion nomination of Ray Rep');
    expect(en.text).toContain('Reason given: Not <yet> ready');
    expect(en.html).toContain('Not &lt;yet&gt; ready');
    const zh = renderEmail('promotion-nomination', 'zh-CN', { ...decided, status: 'CONFIRMED' as const });
    expect(zh.subject).toBe('经理已确认晋升提名：Ray Rep');
  });
});
