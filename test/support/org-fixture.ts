import type { TestSystem } from './test-system.js';
import { ADMIN_EMAIL } from './test-system.js';

/** A small sales organization: director <- manager <- two reps; finance, legal, HR. */
export const ORG = {
  admin: ADMIN_EMAIL,
  director: 'director@salesflow.test',
  manager: 'manager@salesflow.test',
  rep: 'rep@salesflow.test',
  rep2: 'rep2@salesflow.test',
  finance: 'finance@salesflow.test',
  finance2: 'finance2@salesflow.test',
  legal: 'legal@salesflow.test',
  hr: 'hr@salesflow.test',
} as const;

export async function seedOrg(system: TestSystem, overrides: { calendar?: string; locale?: 'zh-CN' | 'en' } = {}): Promise<void> {
  const common = { timezone: 'Asia/Shanghai', locale: overrides.locale ?? 'en', ...(overrides.calendar ? { calendar: overrides.calendar } : {}) };
  if (overrides.calendar && overrides.calendar !== 'standard') {
    await system.as(ORG.admin).put(`/org/calendars/${overrides.calendar}`)
      .send({ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', holidays: [], workdays: [] })
      .expect(200);
  }
  await system.as(ORG.admin).put('/org/employees').send({
    employees: [
      { email: ORG.director, name: 'Dana Director', role: 'SALES_DIRECTOR', team: 'East', ...common },
      { email: ORG.manager, name: 'Mia Manager', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'East', ...common },
      { email: ORG.rep, name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', region: 'Shanghai', ...common },
      { email: ORG.rep2, name: 'Rita Rep', role: 'SALES_SPECIALIST', managerEmail: ORG.manager, team: 'East', ...common },
      { email: ORG.finance, name: 'Fay Finance', role: 'FINANCE', ...common },
      { email: ORG.legal, name: 'Leo Legal', role: 'LEGAL', ...common },
      { email: ORG.hr, name: 'Hana HR', role: 'HR', ...common },
    ],
  }).expect(200);
}

export const SMALL_CONTRACT = {
  customerName: 'Acme Shanghai',
  title: 'Small supply order',
  amount: 50000,
  currency: 'CNY',
  discountPct: 3,
  paymentTermDays: 30,
};

/** Pulls the single-use token out of an email's link. */
export function actionTokenIn(text: string): string {
  const match = /\/actions\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`No action link in: ${text.slice(0, 500)}`);
  return match[1];
}
