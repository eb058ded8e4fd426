/** A demo sales department (from the handbook's shape): a director, a manager, specialists, finance, legal, HR. */
export const DEMO_ADMIN = 'admin@demo.salesflow';

export const DEMO_PEOPLE = {
  director: 'wang.director@demo.salesflow',
  manager: 'li.manager@demo.salesflow',
  rep: 'zhang.san@demo.salesflow',
  repEn: 'alice.chen@demo.salesflow',
  finance: 'zhao.finance@demo.salesflow',
  legal: 'sun.legal@demo.salesflow',
  hr: 'zhou.hr@demo.salesflow',
  service: 'wu.service@demo.salesflow',
};

export const CHINA_CALENDAR = {
  timezone: 'Asia/Shanghai',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '18:00',
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
  workdays: ['2026-09-27', '2026-10-10'],
};

export const DEMO_EMPLOYEES = [
  { email: DEMO_PEOPLE.director, name: '王总', role: 'SALES_DIRECTOR', team: '华东大区', region: 'East', calendar: 'china', locale: 'zh-CN' },
  { email: DEMO_PEOPLE.manager, name: '李经理', role: 'SALES_MANAGER', managerEmail: DEMO_PEOPLE.director, team: '华东大区', region: 'East', calendar: 'china', locale: 'zh-CN' },
  { email: DEMO_PEOPLE.rep, name: '张三', role: 'SALES_SPECIALIST', managerEmail: DEMO_PEOPLE.manager, team: '华东大区', region: 'Shanghai', calendar: 'china', locale: 'zh-CN' },
  { email: DEMO_PEOPLE.repEn, name: 'Alice Chen', role: 'SALES_SPECIALIST', managerEmail: DEMO_PEOPLE.manager, team: 'Key accounts', region: 'Shanghai', calendar: 'china', locale: 'en' },
  { email: DEMO_PEOPLE.finance, name: '赵财务', role: 'FINANCE', calendar: 'china', locale: 'zh-CN' },
  { email: DEMO_PEOPLE.legal, name: '孙法务', role: 'LEGAL', calendar: 'china', locale: 'zh-CN' },
  { email: DEMO_PEOPLE.hr, name: '周人事', role: 'HR', calendar: 'china', locale: 'zh-CN' },
  { email: DEMO_PEOPLE.service, name: '吴客服', role: 'CUSTOMER_SERVICE', managerEmail: DEMO_PEOPLE.manager, team: '华东大区', region: 'East', calendar: 'china', locale: 'zh-CN' },
];

export const DEMO_CUSTOMERS = [
  { as: DEMO_PEOPLE.rep, key: 'demo-customer-1', body: { code: 'C-1001', name: '苏州精工机械', tier: 'B', status: 'active', industry: 'manufacturing', region: 'East', contacts: [{ name: '钱工', email: 'qian@suzhou-precision.example', locale: 'zh-CN' }] } },
  { as: DEMO_PEOPLE.rep, key: 'demo-customer-2', body: { code: 'C-1002', name: '杭州云联科技', tier: 'A', status: 'active', industry: 'software', region: 'East', contacts: [{ name: '冯总', email: 'feng@hz-cloudlink.example', locale: 'zh-CN' }] } },
  { as: DEMO_PEOPLE.repEn, key: 'demo-customer-3', body: { code: 'C-2001', name: 'Shanghai Harbor Logistics', tier: 'A', status: 'active', industry: 'logistics', region: 'East', contacts: [{ name: 'Grace Lin', email: 'grace@harbor-logistics.example', locale: 'en' }] } },
  { as: DEMO_PEOPLE.repEn, key: 'demo-customer-4', body: { code: 'C-3001', name: 'Pacific Trading Ltd', tier: 'C', status: 'prospect', industry: 'trade', region: 'Export', contacts: [{ name: 'Tom Baker', email: 'tom@pacific-trading.example', locale: 'en' }] } },
];

/** `customer` names a DEMO_CUSTOMERS code; the demo fills in its id. */
export const DEMO_CONTRACTS = [
  { as: DEMO_PEOPLE.rep, key: 'demo-small', customer: 'C-1001', body: { customerName: '苏州精工机械', title: '标准配件采购', amount: 48000, currency: 'CNY', discountPct: 3, paymentTermDays: 30, productLine: 'parts', region: 'East' } },
  { as: DEMO_PEOPLE.rep, key: 'demo-discount', customer: 'C-1002', body: { customerName: '杭州云联科技', title: '年度服务合同', amount: 260000, currency: 'CNY', discountPct: 8, paymentTermDays: 45, productLine: 'service', region: 'East' } },
  { as: DEMO_PEOPLE.repEn, key: 'demo-large', customer: 'C-2001', body: { customerName: 'Shanghai Harbor Logistics', title: 'Fleet telematics rollout', amount: 1200000, currency: 'CNY', discountPct: 12, paymentTermDays: 60, productLine: 'telematics', region: 'East' } },
  { as: DEMO_PEOPLE.repEn, key: 'demo-usd', customer: 'C-3001', body: { customerName: 'Pacific Trading Ltd', title: 'Export distribution agreement', amount: 90000, currency: 'USD', discountPct: 4, paymentTermDays: 120, productLine: 'parts', region: 'Export' } },
];

/** The training demo: a mandatory product course, taught by the manager to the two specialists. */
export const DEMO_COURSE = {
  code: 'PK-101', titleZh: '产品基础', titleEn: 'Product basics', category: 'product_knowledge', levels: ['SALES_SPECIALIST', 'SALES_MANAGER'],
  durationMinutes: 120, mandatory: true, passMark: 80, attemptsAllowed: 2, certificateValidityMonths: 12,
};

/** Next week's Tuesday, 10:00-12:00 in Shanghai (02:00-04:00 UTC), as ISO instants. */
export function nextWeekSession(now = new Date()): { startsAt: string; endsAt: string } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const untilNextMonday = ((8 - day.getUTCDay()) % 7) || 7;
  day.setUTCDate(day.getUTCDate() + untilNextMonday + 1);
  const at = (hour: number) => new Date(day.getTime() + hour * 3_600_000).toISOString();
  return { startsAt: at(2), endsAt: at(4) };
}
