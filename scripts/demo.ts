// `npm run demo`: the whole system in one process, a demo organization, sample contracts,
// and a local inbox to read the emails in (unless SMTP_URL points elsewhere).
import 'reflect-metadata';
import jwt from 'jsonwebtoken';
import { AllInOneModule } from '../apps/all-in-one/all-in-one.module.js';
import { configFromProcessEnv, isSetInProcessEnv } from '#libs/config';
import { createHttpApp } from '#libs/platform';
import { seedAppraisalDemo } from './demo/demo-appraisal.js';
import { DemoInbox } from './demo/demo-inbox.js';
import { CHINA_CALENDAR, DEMO_ADMIN, DEMO_CONTRACTS, DEMO_COURSE, DEMO_CUSTOMERS, DEMO_EMPLOYEES, DEMO_PEOPLE, nextWeekSession } from './demo/demo-organization.js';

const INBOX_SMTP_PORT = 1025;
const INBOX_WEB_PORT = 1080;

const config = configFromProcessEnv({ BOOTSTRAP_ADMIN_EMAIL: DEMO_ADMIN, SMTP_URL: `smtp://127.0.0.1:${INBOX_SMTP_PORT}` });
const inbox = isSetInProcessEnv('SMTP_URL') ? null : new DemoInbox();
await inbox?.start(INBOX_SMTP_PORT, INBOX_WEB_PORT);

const app = await createHttpApp(AllInOneModule.forRoot({ config }), { serveNats: true });
await app.listen(config.PORT);
const base = `http://127.0.0.1:${config.PORT}`;
const token = (email: string) => jwt.sign({ sub: email }, config.JWT_SECRET, { algorithm: 'HS256', expiresIn: '12h' });

async function call(method: string, path: string, as: string, body: unknown, extraHeaders: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token(as)}`, ...extraHeaders },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

await call('PUT', '/org/calendars/china', DEMO_ADMIN, CHINA_CALENDAR);
await call('PUT', '/org/employees', DEMO_ADMIN, { employees: DEMO_EMPLOYEES });
await call('PUT', '/fx-rates', DEMO_ADMIN, { rates: { USD: 7.1, EUR: 7.8 } });
const customerIds = new Map<string, string>();
for (const customer of DEMO_CUSTOMERS) {
  // The Idempotency-Key makes a second `npm run demo` reuse the same customers and contracts.
  const result = await call('POST', '/customers', customer.as, customer.body, { 'Idempotency-Key': customer.key });
  customerIds.set(customer.body.code, String(result.id));
}
await call('POST', '/complaints', DEMO_PEOPLE.rep, {
  customerId: customerIds.get('C-1002'), severity: 'high', channel: 'phone', description: '系统升级后报表导出失败，客户要求三天内解决。',
}, { 'Idempotency-Key': 'demo-complaint-1' });
const submitted = [];
for (const contract of DEMO_CONTRACTS) {
  const body = { ...contract.body, customerId: customerIds.get(contract.customer) };
  const result = await call('POST', '/contracts', contract.as, body, { 'Idempotency-Key': contract.key });
  submitted.push(`${contract.body.title}: ${String(result.status)} (${String(result.id)})`);
}

// Training: a course and next week's session, its invitations (.ics) in the inbox. The keys make
// a second run reuse them; an enrollment that already exists answers 409, which is fine here.
const course = await call('POST', '/courses', DEMO_PEOPLE.hr, DEMO_COURSE, { 'Idempotency-Key': 'demo-course-pk101' });
const when = nextWeekSession();
const session = await call('POST', '/sessions', DEMO_PEOPLE.hr, {
  courseId: course.id, ...when, timezone: 'Asia/Shanghai', place: '上海总部 3A 会议室', trainer: DEMO_PEOPLE.manager, capacity: 10,
}, { 'Idempotency-Key': `demo-session-${when.startsAt}` });
for (const employeeEmail of [DEMO_PEOPLE.rep, DEMO_PEOPLE.repEn]) {
  await call('POST', `/sessions/${String(session.id)}/enrollments`, DEMO_PEOPLE.hr, { employeeEmail }).catch((error: Error) => {
    if (!/answered 409/.test(error.message)) throw error;
  });
}

// Appraisal: last quarter closed with statements (two months approved by FINANCE), its review cycle open.
const appraisal = await seedAppraisalDemo(call, config.DATABASE_URL);

console.log(`
salesflow demo is running (Ctrl-C stops it).

  API and OpenAPI:  ${base}/docs
  Health:           ${base}/health
  Sign in:          ${base}/auth/sign-in  (as any demo person; the link arrives by email)
  ${inbox ? `Inbox:            http://127.0.0.1:${INBOX_WEB_PORT}  (approval emails with their decision links)` : `Email goes to:    ${config.SMTP_URL}`}

Contracts submitted:
  ${submitted.join('\n  ')}

Training: ${DEMO_COURSE.titleEn} (${DEMO_COURSE.code}) on ${when.startsAt}, session ${String(session.id)}; invitations with calendar entries in the inbox.

Appraisal: ${appraisal.quarter} closed; commission statements (as FINANCE: GET /commission-statements?period=&employee=):
  ${appraisal.statements.join('\n  ')}
Review cycle for ${appraisal.quarter}: ${appraisal.cycleId}, self-reviews waiting (GET /appraisals?cycle=${appraisal.cycleId}).

Try, as the manager (李经理):
  curl -H "Authorization: Bearer ${token(DEMO_PEOPLE.manager)}" ${base}/approvals/inbox
  curl -H "Authorization: Bearer ${token(DEMO_PEOPLE.manager)}" "${base}/revisits?due=all"
  curl -H "Authorization: Bearer ${token(DEMO_PEOPLE.manager)}" ${base}/complaints

Tokens for the other demo people: npm run token -- <email>   (${Object.values(DEMO_PEOPLE).join(', ')}, ${DEMO_ADMIN})
`);

const stop = async () => {
  await app.close();
  await inbox?.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
