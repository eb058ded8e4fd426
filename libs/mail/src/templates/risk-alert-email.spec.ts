import { sampleData } from '../email-fixtures.js';
import type { RiskAlertData } from '../email-kinds.js';
import type { Locale } from '../locale.js';
import { renderEmail } from '../render-email.js';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CJK = /[\u4e00-\u9fff]/;

const complaintSpike = (): RiskAlertData => ({
  ...sampleData('risk-alert'),
  rule: 'complaint_spike',
  severity: 5,
  occasion: 'worse',
  contract: null,
  complaints: { windowDays: 30, recentCount: 5, previousCount: 1, factor: 2, minimum: 3 },
});

describe('risk-alert email', () => {
  it('names the customer, its owner, the rule, the evidence, the three countermeasures and the cooldown', () => {
    const email = renderEmail('risk-alert', 'en', sampleData('risk-alert'));
    expect(email.subject).toBe('Customer risk: no approved contract from Shanghai Huaxin Trading (C-1001) in 103 days');
    expect(email.text).toContain('The daily scan found a customer demand change risk at Shanghai Huaxin Trading (C-1001, tier A), a customer of Li Lei (li.lei@example.com).');
    expect(email.text).toContain('This is the first alert about this risk.');
    expect(email.text).toContain('Risk: Tier A customer without a recent contract');
    expect(email.text).toContain('Last approved contract: 2026-08-20 10:00 (Asia/Shanghai)');
    expect(email.text).toContain('Days without an approved contract: 103 (an alert from 90)');
    expect(email.text).toContain("Adjust the product mix and the offer to the customer's needs.");
    expect(email.text).toContain("Collect the customer's feedback regularly.");
    expect(email.text).toContain('Talk to the customer more often.');
    expect(email.text).toContain('(alert ID ra_01JDA7C3). It is not sent again within 14 days unless it gets worse.');
    expect(email.html).toContain('<li>Talk to the customer more often.</li>');
  });

  it('shows only the evidence of its rule, and says when the risk got worse', () => {
    const email = renderEmail('risk-alert', 'en', complaintSpike());
    expect(email.subject).toBe('Customer risk: complaints are spiking at Shanghai Huaxin Trading (C-1001)');
    expect(email.text).toContain('This risk has got worse since the last alert.');
    expect(email.text).toContain('Complaints, last 30 days: 5');
    expect(email.text).toContain('Complaints, the 30 days before: 1');
    expect(email.text).toContain('Alert rule: at least 2 times the window before, and at least 3');
    expect(email.text).not.toContain('Last approved contract');
  });

  it('reads a satisfaction drop and a missing visit, "never" when there was none', () => {
    const satisfaction = renderEmail('risk-alert', 'en', {
      ...sampleData('risk-alert'), rule: 'satisfaction_trend', contract: null, occasion: 'reminder',
      satisfaction: { windowDays: 90, recentAverage: 2.5, recentCount: 2, previousAverage: 4.67, previousCount: 3, drop: 2.17, threshold: 1 },
    });
    expect(satisfaction.text).toContain('Average satisfaction, last 90 days: 2.5 from 2 ratings');
    expect(satisfaction.text).toContain('Drop: 2.17 (an alert from a drop of 1)');
    expect(satisfaction.text).toContain('This risk still holds; this is a reminder.');
    const visit = renderEmail('risk-alert', 'en', {
      ...sampleData('risk-alert'), rule: 'no_recent_visit', contract: null,
      visit: { lastCompletedAt: null, workingDays: 31, cadenceDays: 14, factor: 2, thresholdWorkingDays: 28 },
    });
    expect(visit.subject).toBe('Customer risk: Shanghai Huaxin Trading (C-1001) not visited in 31 working days');
    expect(visit.text).toContain('Last completed visit: never');
  });

  for (const locale of LOCALES) {
    it(`renders every rule in ${locale} without leaking the other language`, () => {
      for (const data of [sampleData('risk-alert'), complaintSpike()]) {
        const email = renderEmail('risk-alert', locale, data);
        expect(email.html).toContain(`<html lang="${locale}">`);
        if (locale === 'en') expect(`${email.subject}${email.text}${email.html}`).not.toMatch(CJK);
        else expect(email.text).toContain('根据客户需求调整产品组合和报价。');
      }
    });
  }
});
