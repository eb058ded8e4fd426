/** The page behind an approval email link. Every value is escaped; GET never changes anything. */
import type { ActionView } from '#libs/contracts';
import { formatInstant, formatMoney, formatPercent } from '#libs/mail';
import { linkErrorPage } from '../http/link-page.js';
import { escapeHtml, htmlPage, keyValueTable, type PageLocale as Locale } from '../http/page-layout.js';

/** Where the approver's zone is unknown (no approver on the link): the company's. */
const COMPANY_ZONE = 'Asia/Shanghai';

const TEXT = {
  'zh-CN': {
    title: '合同审批', contract: '合同', customer: '客户', amount: '金额', discount: '折扣', term: '账期（天）', stage: '审批阶段',
    submitter: '提交人', approve: '批准', reject: '驳回', request_changes: '要求修改', comment: '意见（驳回或要求修改时必填）',
    submit: '提交决定', single: '此链接只能使用一次，有效期至', decision: '决定', amountBase: '折合本位币', done: '您的决定已记录。', status: '合同状态', gone: '链接不可用',
    error: '无法处理',
  },
  en: {
    title: 'Contract approval', contract: 'Contract', customer: 'Customer', amount: 'Amount', discount: 'Discount', term: 'Payment term (days)',
    stage: 'Stage', submitter: 'Submitted by', approve: 'Approve', reject: 'Reject', request_changes: 'Request changes',
    comment: 'Comment (required to reject or request changes)', submit: 'Submit decision', single: 'This link works once, until', decision: 'Decision', amountBase: 'In base currency',
    done: 'Your decision was recorded.', status: 'Contract status', gone: 'This link can no longer be used', error: 'Could not be processed',
  },
} as const;

function page(locale: Locale, heading: string, body: string): string {
  return htmlPage(locale, heading, body, { narrow: true });
}

export function localeOf(view: { approver: { locale: string } | null } | null, acceptLanguage?: string): Locale {
  const wanted = view?.approver?.locale ?? (acceptLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN');
  return wanted === 'en' ? 'en' : 'zh-CN';
}

export function actionPage(view: ActionView, locale: Locale): string {
  const t = TEXT[locale];
  const c = view.contract;
  const rows: [string, string][] = [
    [t.contract, `${c.title} (${c.id})`], [t.customer, c.customerName], [t.amount, formatMoney(String(c.amount), c.currency)],
    [t.amountBase, formatMoney(String(c.amountBase), c.baseCurrency)],
    [t.discount, formatPercent(c.discountPct)], [t.term, String(c.paymentTermDays)], [t.stage, view.stage], [t.submitter, c.owner.name],
  ];
  const zone = view.approver?.timezone ?? COMPANY_ZONE;
  const choices = view.choices
    .map((choice, i) => `<label><input type="radio" name="decision" value="${escapeHtml(choice)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(t[choice as 'approve'])}</label>`)
    .join('');
  return page(locale, `${t.title}: ${c.title}`, `${keyValueTable(rows.map(([k, v]) => [k, escapeHtml(v)]))}
<form method="post"><fieldset><legend>${escapeHtml(t.decision)}</legend>${choices}</fieldset><label>${escapeHtml(t.comment)}<textarea name="comment"></textarea></label><button type="submit">${escapeHtml(t.submit)}</button></form>
<p><small>${escapeHtml(t.single)} ${escapeHtml(formatInstant(view.expiresAt, zone))}</small></p>`);
}

export function resultPage(contract: { id: string; title: string; status: string }, locale: Locale): string {
  const t = TEXT[locale];
  return page(locale, t.done, `<p>${escapeHtml(t.contract)}: ${escapeHtml(contract.title)} (${escapeHtml(contract.id)})</p><p>${escapeHtml(t.status)}: ${escapeHtml(contract.status)}</p>`);
}

export function errorPage(status: number, message: string, locale: Locale): string {
  return linkErrorPage(locale, TEXT[locale], status, message);
}
