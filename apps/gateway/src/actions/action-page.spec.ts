import type { ActionView } from '#libs/contracts';
import { actionPage } from './action-page.js';

const view: ActionView = {
  contract: {
    id: 'c-1', status: 'PENDING_APPROVAL', title: 'Big <b>order</b>', customerId: null, customerName: 'Acme', amount: 1234567.5, currency: 'CNY',
    amountBase: 1234567.5, baseCurrency: 'CNY', discountPct: 7.125, paymentTermDays: 30, productLine: null, region: null,
    owner: { id: 'o', email: 'o@x.test', name: 'Ray' }, policyVersion: 1, round: 1, version: 1, createdAt: '2027-01-01T00:00:00Z', updatedAt: '2027-01-01T00:00:00Z', decidedAt: null,
  },
  stage: 'manager', approver: { id: 'a', email: 'a@x.test', name: 'Mia', locale: 'en', timezone: 'Europe/Berlin' }, stepStatus: 'PENDING',
  choices: ['approve', 'reject', 'request_changes'], expiresAt: '2027-01-05T09:00:00.000Z',
};

describe('approval link page', () => {
  it('formats money, discount and the expiry exactly as the approval email does (the same formatters, the approver\u2019s zone)', () => {
    const html = actionPage(view, 'en');
    expect(html).toContain('1,234,567.50 CNY');
    expect(html).toContain('7.13%');
    expect(html).toContain('2027-01-05 10:00 (Europe/Berlin)');
    expect(html).not.toContain('<b>order</b>');
  });

  it('groups the choices under a legend, so a screen reader names the radio group', () => {
    expect(actionPage(view, 'zh-CN')).toContain('<fieldset><legend>决定</legend>');
  });
});
