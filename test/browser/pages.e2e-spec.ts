import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hashSurveyToken } from '#libs/notifications';
import { addEmployees, contractBody, submit, waitForRequest } from '../support/approval-helpers.js';
import { axeViolations, launchChromium, listen, screenshot } from '../support/browser.js';
import { actionTokenIn, ORG, seedOrg } from '../support/org-fixture.js';
import { pathOf, requestSignInLink } from '../support/sign-in.js';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * Issue 14 item 6 in a real browser (Debian's Chromium through playwright-core): the approval
 * link page and the survey page in en and zh-CN, the desk, deciding an approval from the desk, the
 * analysis page with its charts, signing in by the emailed link. Each page: a screenshot in test-artifacts/browser and axe-core
 * with zero violations. Most pages sign in with a bearer token the browser context sends; deciding from the desk uses a real session.
 */
describe('pages in Chromium', () => {
  let browser: Browser;
  let base = '';
  const contexts: BrowserContext[] = [];
  const contract = { id: '', title: '', token: '' };
  const surveys = { en: '', 'zh-CN': '' };
  const system = useTestSystem({
    async setUp() {
      await seedOrg(system);
      base = await listen(system);
      browser = await launchChromium();
      const body = contractBody('Browser order', { discountPct: 8, amount: 48000, region: 'Shanghai', productLine: 'Pumps' });
      const submitted = await submit(system, ORG.rep, body);
      Object.assign(contract, { id: submitted.id, title: body.title, token: actionTokenIn((await waitForRequest(system, ORG.manager, submitted.id)).text) });
      const owner = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep } });
      const customer = await system.prisma.customer.create({
        data: {
          code: `BR-${randomBytes(3).toString('hex')}`, name: 'Gamma Trading', ownerId: owner.id, tier: 'B', status: 'active',
          contacts: [{ name: 'Eve English', email: 'eve@gamma.example', phone: null, locale: 'en' }, { name: '张伟', email: 'zhang@gamma.example', phone: null, locale: 'zh-CN' }],
        },
      });
      for (const [locale, email] of [['en', 'eve@gamma.example'], ['zh-CN', 'zhang@gamma.example']] as const) {
        surveys[locale] = randomBytes(32).toString('base64url');
        await system.prisma.survey.create({
          data: { customerId: customer.id, contactEmail: email, reason: 'complaint', sourceId: randomUUID(), tokenHash: hashSurveyToken(surveys[locale]), expiresAt: new Date(Date.now() + 7 * 86_400_000) },
        });
      }
    },
    async tearDown() {
      for (const context of contexts) await context.close();
      await browser?.close();
    },
  });

  async function pageAs(email: string | null): Promise<Page> {
    // bypassCSP: the pages' Content-Security-Policy (helmet) refuses the inline script axe-core is injected as.
    const context = await browser.newContext({ bypassCSP: true, extraHTTPHeaders: email ? { Authorization: `Bearer ${system.token(email)}` } : {}, viewport: { width: 390, height: 844 } });
    contexts.push(context);
    return context.newPage();
  }

  /** The page passes axe-core and is kept as a screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('the approval link page in en: the contract formatted as in the email, a labelled form; accessible', async () => {
    const page = await pageAs(null);
    const response = await page.goto(`${base}/actions/${contract.token}`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.textContent('main')).resolves.toContain('48,000.00 CNY');
    expect(await page.getByRole('radio', { name: 'Approve' }).isChecked()).toBe(true);
    await check(page, 'approval-link-en');
  });

  it('the desk in en: the approval waiting for the manager, the team\u2019s contract in flight; accessible on a phone', async () => {
    const page = await pageAs(ORG.manager);
    expect((await page.goto(`${base}/desk`))?.status()).toBe(200);
    await expect(page.locator('#approvals + table').textContent()).resolves.toContain(contract.title);
    await expect(page.locator('section[aria-labelledby="in-flight"]').textContent()).resolves.toContain('Mia Manager');
    await check(page, 'desk-en');
  });

  it('in zh-CN: the approval link page and the desk follow the person\u2019s locale; signed in by the emailed link, deciding from the desk approves the contract', async () => {
    await addEmployees(system, [{ email: ORG.manager, name: 'Mia Manager', role: 'SALES_MANAGER', managerEmail: ORG.director, team: 'East', locale: 'zh-CN' }]);
    const link = await pageAs(null);
    await link.goto(`${base}/actions/${contract.token}`);
    expect(await link.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect(link.textContent('h1')).resolves.toContain('合同审批');
    await check(link, 'approval-link-zh-CN');

    // Signed in the way a person does: the emailed link's page, one button, then the desk (session cookie, CSRF token in the form).
    const desk = await pageAs(null);
    await desk.goto(`${base}${pathOf(await requestSignInLink(system, ORG.manager))}`);
    await check(desk, 'sign-in-link-zh-CN');
    await Promise.all([desk.waitForURL(`${base}/desk`), desk.getByRole('button', { name: '登录' }).click()]);
    expect(await desk.getAttribute('html', 'lang')).toBe('zh-CN');
    await check(desk, 'desk-zh-CN');
    const form = desk.locator(`form[action="/desk/approvals/${contract.id}/decision"]`);
    await form.getByRole('radio', { name: '批准' }).check();
    await form.getByLabel('意见').fill('价格合理');
    await Promise.all([desk.waitForURL(`${base}/desk?decided=${contract.id}`), form.getByRole('button', { name: '提交' }).click()]);
    await expect(desk.getByRole('status').textContent()).resolves.toContain(contract.id);
    await check(desk, 'desk-after-decision-zh-CN');
    expect((await system.prisma.contract.findUniqueOrThrow({ where: { id: contract.id } })).status).toBe('APPROVED');
  });

  it('the survey page in en and zh-CN (the contact\u2019s language); answering it with the keyboard records the score', async () => {
    const zh = await pageAs(null);
    expect((await zh.goto(`${base}/surveys/${surveys['zh-CN']}`))?.status()).toBe(200);
    expect(await zh.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect(zh.textContent('h1')).resolves.toBe('满意度调查');
    await check(zh, 'survey-zh-CN');

    const en = await pageAs(null);
    await en.goto(`${base}/surveys/${surveys.en}`);
    await expect(en.textContent('h1')).resolves.toBe('Satisfaction survey');
    await check(en, 'survey-en');
    await en.getByRole('radio', { name: '4 satisfied' }).focus();
    await en.keyboard.press('Space');
    await en.getByLabel('Comment (optional)').fill('Quick and friendly.');
    await en.getByRole('button', { name: 'Send' }).press('Enter');
    await en.waitForSelector('text=Your score was recorded');
    await check(en, 'survey-thanks-en');
    const survey = await system.prisma.survey.findUniqueOrThrow({ where: { tokenHash: hashSurveyToken(surveys.en) } });
    expect(survey.score).toBe(4);
  });

  // Reads what the tests above did: the contract approved from the desk, the survey answered.
  it('the analysis page shows its charts as SVG with marks (bars, the threshold rules, the satisfaction line); accessible', async () => {
    const page = await pageAs(ORG.manager);
    expect((await page.goto(`${base}/desk/analysis`))?.status()).toBe(200);
    expect(await page.locator('.chart svg').count()).toBe(8);
    expect(await page.locator('.chart svg .mark-rect.role-mark path').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart svg .mark-rule.role-mark line').count()).toBe(2);
    expect(await page.locator('.chart svg .mark-line.role-mark path').count()).toBe(1);
    await check(page, 'analysis-zh-CN');
  });
});
