import Handlebars from 'handlebars';
import { EMAIL_KINDS, type ApprovalOutcome, type EmailKind } from './email-kinds.js';
import { sampleContract, sampleData } from './email-fixtures.js';
import type { Locale } from './locale.js';
import { renderEmail } from './render-email.js';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CJK = /[\u4e00-\u9fff]/;

/** Kinds not about one contract: their content is checked in their own specs. */
const NOT_ABOUT_A_CONTRACT: ReadonlySet<EmailKind> = new Set<EmailKind>(['revisit-digest', 'visit-overdue-escalation', 'complaint-assigned', 'complaint-reminder', 'complaint-escalation', 'survey-request', 'survey-low-score', 'risk-alert', 'training-invitation', 'training-cancellation', 'training-reminder', 'training-failed', 'training-overdue', 'training-digest', 'target-progress', 'commission-dispute', 'appraisal-peer-request', 'appraisal-deadline', 'appraisal-result', 'training-feedback', 'promotion-nomination', 'attrition-alert', 'risk-task-deadline', 'risk-digest', 'sign-in-link']);

const subjectPrefix: Record<EmailKind, Record<Locale, string>> = {
  'revisit-digest': { 'zh-CN': '2026-12-01 客户回访', en: 'Customer revisits for 2026-12-01' },
  'visit-overdue-escalation': { 'zh-CN': '回访逾期', en: 'Overdue revisit' },
  'approval-request': { 'zh-CN': '合同审批请求', en: 'Approval request' },
  'approval-reminder': { 'zh-CN': '审批提醒', en: 'Approval reminder' },
  'approval-escalation': { 'zh-CN': '审批升级', en: 'Approval escalation' },
  'approval-ladder-top': { 'zh-CN': '审批升级已至汇报线顶端', en: 'Escalation reached the top of the reporting line' },
  'approval-outcome': { 'zh-CN': '合同已驳回', en: 'Contract rejected' },
  'delegation-notice': { 'zh-CN': '审批代理通知', en: 'Approval passed to you as delegate' },
  'complaint-assigned': { 'zh-CN': '新投诉已分派给您', en: 'Complaint assigned to you' },
  'complaint-reminder': { 'zh-CN': '提醒：请确认', en: 'Reminder: acknowledge' },
  'complaint-escalation': { 'zh-CN': '投诉未按时解决', en: 'Complaint not resolved in time' },
  'survey-request': { 'zh-CN': '满意度调查', en: 'How satisfied are you?' },
  'survey-low-score': { 'zh-CN': '客户满意度低分', en: 'Low satisfaction score' },
  'risk-alert': { 'zh-CN': '客户风险', en: 'Customer risk' },
  'training-invitation': { 'zh-CN': '培训邀请', en: 'Training invitation' },
  'training-cancellation': { 'zh-CN': '培训已取消', en: 'Training cancelled' },
  'training-reminder': { 'zh-CN': '培训提醒', en: 'Training reminder' },
  'training-failed': { 'zh-CN': '培训未通过', en: 'Training failed' },
  'training-overdue': { 'zh-CN': '必修培训已逾期', en: 'Mandatory training overdue' },
  'commission-dispute': { 'zh-CN': '经理未按时处理的佣金异议', en: 'Commission dispute not resolved by the manager' },
  'training-digest': { 'zh-CN': '2027-03-15 当周团队培训', en: 'Team training for the week of 2027-03-15' },
  'target-progress': { 'zh-CN': '2026-12-14 当周销售进度', en: 'Sales progress for the week of 2026-12-14' },
  'training-feedback': { 'zh-CN': '2026-Q4 考核后的培训安排', en: 'Training after the 2026-Q4 appraisal' },
  'promotion-nomination': { 'zh-CN': '晋升提名', en: 'Promotion nomination' },
  'appraisal-peer-request': { 'zh-CN': '请为 Wang Fang 的团队合作评分', en: 'Please rate the teamwork of Wang Fang' },
  'appraisal-deadline': { 'zh-CN': '已逾期：Wang Fang 的经理评估', en: 'Overdue: the manager review of Wang Fang' },
  'appraisal-result': { 'zh-CN': '您 2026-Q4 的绩效评估', en: 'Your appraisal for 2026-Q4' },
  'attrition-alert': { 'zh-CN': '人员流失风险', en: 'Attrition risk' },
  'risk-task-deadline': { 'zh-CN': '已逾期：审查报价和产品组合', en: 'Overdue: review the offer and product mix' },
  'risk-digest': { 'zh-CN': '2026-12-01 风险汇总', en: 'Risks for 2026-12-01' },
  'sign-in-link': { 'zh-CN': '您的 salesflow 登录链接', en: 'Your sign-in link to salesflow' },
};

const KINDS_WITH_ACTION: readonly EmailKind[] = [
  'approval-request',
  'approval-reminder',
  'approval-escalation',
  'delegation-notice',
];

describe('renderEmail: every kind in every locale', () => {
  for (const kind of EMAIL_KINDS.filter((k) => !NOT_ABOUT_A_CONTRACT.has(k))) {
    for (const locale of LOCALES) {
      test(`${kind} / ${locale}`, () => {
        const email = renderEmail(kind, locale, sampleData(kind));

        expect(email.subject.startsWith(subjectPrefix[kind][locale])).toBe(true);
        for (const part of [email.subject, email.html, email.text]) {
          expect(part).toContain(sampleContract.title);
          expect(part).toContain(sampleContract.id);
        }
        expect(email.html).toContain(`<html lang="${locale}">`);
        expect(email.text).toContain('Wang Fang');
        expect(email.text).toContain('1,234,567.50 USD');
        expect(email.text).toContain('8,765,432.10 CNY');

        if (locale === 'zh-CN') {
          expect(email.text).toContain('您好');
          expect(email.text).toContain('合同编号');
          expect(email.html).toContain('合同概要');
        } else {
          // The sample data is ASCII, so any CJK character would be a leaked zh-CN string.
          expect(email.subject).not.toMatch(CJK);
          expect(email.text).not.toMatch(CJK);
          expect(email.html).not.toMatch(CJK);
          expect(email.text).toContain('Hello Wang Fang,');
          expect(email.text).toContain('Contract ID');
        }

        const data = sampleData(kind);
        if ('actionUrl' in data) {
          expect(email.text).toContain(data.actionUrl);
          expect(email.html).toContain(`href="${data.actionUrl}"`);
        }
      });
    }
  }

  test('kinds with a decision link say it is single-use and name the three choices', () => {
    for (const kind of KINDS_WITH_ACTION) {
      const en = renderEmail(kind, 'en', sampleData(kind));
      expect(en.html).toContain('>Review and decide</a>');
      expect(en.text).toMatch(/approve, reject or request changes/);
      expect(en.text).toMatch(/single-use/);
      const zh = renderEmail(kind, 'zh-CN', sampleData(kind));
      expect(zh.html).toContain('>查看并审批</a>');
      expect(zh.text).toContain('批准、驳回或要求修改');
      expect(zh.text).toContain('只能使用一次');
    }
  });

  test('the ladder-top notice to ADMIN carries no decision link', () => {
    const email = renderEmail('approval-ladder-top', 'en', sampleData('approval-ladder-top'));
    expect(email.html).not.toContain('Review and decide');
    expect(email.text).toContain('Zhao Min (zhao.min@example.com)');
    expect(email.text).toContain('level 3');
    expect(email.text).toContain('nobody left to escalate to');
  });

  test('is pure: the same input renders the same output', () => {
    const data = sampleData('approval-request');
    expect(renderEmail('approval-request', 'en', data)).toEqual(renderEmail('approval-request', 'en', data));
  });
});

describe('renderEmail: escaping', () => {
  const evil = '<script>alert("x")</script> & Co';

  test('a title with markup is escaped in HTML and kept verbatim in subject and text', () => {
    const data = sampleData('approval-request');
    data.contract.title = evil;
    data.contract.customerName = '<b>ACME</b>';
    data.customerHistory[0].title = '<img src=x onerror=alert(1)>';
    for (const locale of LOCALES) {
      const email = renderEmail('approval-request', locale, data);
      expect(email.html).not.toContain('<script>');
      expect(email.html).not.toContain('<b>ACME');
      expect(email.html).not.toContain('<img');
      expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
      expect(email.html).toContain('&lt;b&gt;ACME&lt;/b&gt;');
      expect(email.subject).toContain(evil);
      expect(email.text).toContain(evil);
      expect(email.text).toContain('<img src=x onerror=alert(1)>');
    }
  });

  test('a comment with markup is escaped in the outcome email', () => {
    const data = sampleData('approval-outcome');
    data.comment = '</p><script>steal()</script>';
    const email = renderEmail('approval-outcome', 'en', data);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;');
    expect(email.text).toContain('Comment: </p><script>steal()</script>');
  });

  test('a quote in the action URL cannot break out of the href attribute', () => {
    const data = sampleData('approval-reminder');
    data.actionUrl = 'https://x.example/a?b="><script>1</script>';
    const email = renderEmail('approval-reminder', 'en', data);
    expect(email.html).not.toContain('"><script>');
    expect(email.html).toContain('href="https://x.example/a?b&#x3D;&quot;&gt;&lt;script&gt;1&lt;/script&gt;"');
  });

  test('a newline in the title cannot add a header line to the subject', () => {
    const data = sampleData('approval-reminder');
    data.contract.title = 'Deal\r\nBcc: someone@example.com';
    const { subject } = renderEmail('approval-reminder', 'en', data);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe(`Approval reminder: Deal Bcc: someone@example.com (${sampleContract.id})`);
  });
});

describe('renderEmail: approval-request content', () => {
  test('shows the discount against every policy threshold', () => {
    const email = renderEmail('approval-request', 'en', sampleData('approval-request'));
    expect(email.text).toContain('Discount on this contract: 12.5%');
    expect(email.text).toContain('- manager: discountPct > 5 or amount >= 100000');
    expect(email.text).toContain('- director: discountPct > 15 or amount >= 1000000');
    expect(email.text).toContain('amount means the amount in CNY');
    expect(email.html).toContain('<li>director: discountPct &gt; 15 or amount &gt;&#x3D; 1000000</li>');
  });

  test('lists earlier contracts of the customer in a table', () => {
    const email = renderEmail('approval-request', 'zh-CN', sampleData('approval-request'));
    expect(email.html).toMatch(/<th[^>]*>合同<\/th><th[^>]*>金额<\/th><th[^>]*>状态<\/th><th[^>]*>创建时间<\/th>/);
    expect(email.html).toContain('250,000.00 CNY');
    expect(email.text).toContain('First pilot (c_00PREV01) | 250,000.00 CNY | 已批准 | 2026-03-02 10:30 (Asia/Shanghai)');
  });

  test('says so when the customer has no earlier contracts', () => {
    const data = sampleData('approval-request');
    data.customerHistory = [];
    const en = renderEmail('approval-request', 'en', data);
    expect(en.text).toContain('None: there are no earlier contracts with this customer.');
    expect(en.html).toContain('None: there are no earlier contracts with this customer.');
    expect(en.html).not.toContain('>Status</th>');
    const zh = renderEmail('approval-request', 'zh-CN', data);
    expect(zh.text).toContain('无：该客户此前没有合同。');
  });

  test('shows an unknown history status as it is', () => {
    const data = sampleData('approval-request');
    data.customerHistory[0].status = 'ARCHIVED';
    expect(renderEmail('approval-request', 'en', data).text).toContain('| ARCHIVED |');
  });

  test("shows the submitter's 90-day average discount, including 0%, or that there is none", () => {
    const data = sampleData('approval-request');
    expect(renderEmail('approval-request', 'en', data).text).toContain(
      "Li Lei's average discount over the last 90 days: 8.25%",
    );
    data.submitterAvgDiscount90d = 0;
    expect(renderEmail('approval-request', 'en', data).text).toContain('over the last 90 days: 0%');
    data.submitterAvgDiscount90d = null;
    expect(renderEmail('approval-request', 'en', data).text).toContain('Li Lei has no contracts in the last 90 days.');
    expect(renderEmail('approval-request', 'zh-CN', data).text).toContain('Li Lei 近 90 天没有合同。');
  });

  test('shows the due time in the recipient zone, or that there is none', () => {
    const data = sampleData('approval-request');
    expect(renderEmail('approval-request', 'zh-CN', data).text).toContain('请在 2026-12-01 17:00 (Asia/Shanghai) 前完成审批。');
    data.dueAt = null;
    expect(renderEmail('approval-request', 'en', data).text).toContain('This step has no deadline.');
  });

  test('shows the stage position, round and delegation', () => {
    const data = sampleData('approval-request');
    data.stage = { name: 'director', position: 2, total: 3 };
    data.round = 2;
    data.onBehalfOf = { name: 'Chen Jing', email: 'chen.jing@example.com' };
    const en = renderEmail('approval-request', 'en', data);
    expect(en.subject).toBe(`Approval request (round 2): ${sampleContract.title} (${sampleContract.id})`);
    expect(en.text).toContain('"director" stage (stage 2 of 3)');
    expect(en.text).toContain('This is round 2');
    expect(en.text).toContain('delegate of Chen Jing (chen.jing@example.com)');
    const zh = renderEmail('approval-request', 'zh-CN', data);
    expect(zh.subject).toBe(`合同审批请求（第 2 轮）：${sampleContract.title}（${sampleContract.id}）`);
    expect(zh.text).toContain('共 3 级，当前第 2 级');
    expect(zh.text).toContain('Chen Jing（chen.jing@example.com）不在岗');
  });

  test('round 1 without delegation mentions neither', () => {
    const en = renderEmail('approval-request', 'en', sampleData('approval-request'));
    expect(en.text).not.toContain('round');
    expect(en.text).not.toContain('delegate');
  });

  test('says "not specified" for a missing product line or region', () => {
    const data = sampleData('approval-request');
    data.contract.productLine = null;
    data.contract.region = null;
    const en = renderEmail('approval-request', 'en', data);
    expect(en.text).toContain('Product line: not specified');
    expect(en.text).toContain('Region: not specified');
    expect(renderEmail('approval-request', 'zh-CN', data).text).toContain('产品线：未指定');
  });
});

describe('renderEmail: time zones', () => {
  test.each([
    ['Asia/Shanghai', '2026-12-01 17:00 (Asia/Shanghai)'],
    ['America/New_York', '2026-12-01 04:00 (America/New_York)'],
  ])('reminder due time in %s', (timezone, expected) => {
    const data = sampleData('approval-reminder');
    data.recipient.timezone = timezone;
    data.dueAt = '2026-12-01T09:00:00Z';
    const email = renderEmail('approval-reminder', 'en', data);
    expect(email.text).toContain(`Please decide by ${expected}.`);
    expect(email.html).toContain(expected);
  });
});

describe('renderEmail: approval-outcome', () => {
  const cases: [ApprovalOutcome, string, string][] = [
    ['APPROVED', '合同已批准', 'Contract approved'],
    ['REJECTED', '合同已驳回', 'Contract rejected'],
    ['CHANGES_REQUESTED', '合同需修改', 'Changes requested'],
    ['WITHDRAWN', '合同已撤回', 'Contract withdrawn'],
  ];

  test.each(cases)('%s', (outcome, zhPrefix, enPrefix) => {
    const data = sampleData('approval-outcome');
    data.outcome = outcome;
    const zh = renderEmail('approval-outcome', 'zh-CN', data);
    const en = renderEmail('approval-outcome', 'en', data);
    expect(zh.subject).toBe(`${zhPrefix}：${sampleContract.title}（${sampleContract.id}）`);
    expect(en.subject).toBe(`${enPrefix}: ${sampleContract.title} (${sampleContract.id})`);
    expect(en.text).toContain('Zhao Min (zhao.min@example.com)');
    expect(en.text).toContain('Comment: Discount too high for this customer tier.');
  });

  test('an automatic approval explains why and names no decider', () => {
    const data = sampleData('approval-outcome');
    data.outcome = 'APPROVED';
    data.decidedBy = null;
    data.comment = null;
    data.autoApprovalReason = 'no stage of policy v3 applies';
    const en = renderEmail('approval-outcome', 'en', data);
    expect(en.text).toContain('Approved without review because: no stage of policy v3 applies');
    expect(en.text).not.toContain('Approved by');
    expect(en.text).not.toContain('Comment');
    expect(renderEmail('approval-outcome', 'zh-CN', data).text).toContain('无需审批的原因：no stage of policy v3 applies');
  });
});

describe('renderEmail: isolation', () => {
  test('helpers registered on the global Handlebars do not change emails', () => {
    const before = renderEmail('approval-reminder', 'en', sampleData('approval-reminder'));
    Handlebars.registerHelper('t', () => 'HIJACKED');
    Handlebars.registerHelper('money', () => 'HIJACKED');
    try {
      expect(renderEmail('approval-reminder', 'en', sampleData('approval-reminder'))).toEqual(before);
    } finally {
      Handlebars.unregisterHelper('t');
      Handlebars.unregisterHelper('money');
    }
  });
});
