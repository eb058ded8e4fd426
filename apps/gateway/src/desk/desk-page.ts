/** The desk: everything waiting for the caller and their reporting line, on one page. Every value is escaped. */
import { formatInstant, formatMoney, formatPercent } from '#libs/mail';
import { escapeHtml, htmlPage, type PageLocale } from '../http/page-layout.js';
import type { DeskData, Section } from './desk-reader.js';

const TEXT = {
  'zh-CN': {
    title: '我的工作台', analysis: '销售分析', approvals: '待我审批', inFlight: '团队审批中的合同', visits: '逾期回访', complaints: '未结投诉',
    risks: '未处理的风险预警', training: '培训完成情况', targets: '目标达成', none: '暂无。', unavailable: '暂时无法读取（{status}）。',
    contract: '合同', customer: '客户', amount: '金额', discount: '折扣', stage: '阶段', due: '截止', owner: '负责人', waitingFor: '等待', since: '开始于',
    approve: '批准', reject: '驳回', request_changes: '要求修改', comment: '意见', decide: '提交', decision: '决定', days: '逾期工作日', severity: '严重程度',
    status: '状态', rule: '规则', about: '对象', overdue: '已逾期', completed: '已完成', of: '/', plan: '{year} 年培训计划', noPlan: '本年度没有培训计划。',
    target: '目标', actual: '实际', attainment: '达成率', behind: '落后于进度', period: '期间', noTargets: '本期没有目标。', decided: '已记录您对合同 {id} 的决定。',
    kind: '类型', visitDue: '应回访',
  },
  en: {
    title: 'My desk', analysis: 'Sales analysis', approvals: 'Waiting for my approval', inFlight: 'My team\u2019s contracts in approval', visits: 'Overdue revisits',
    complaints: 'Open complaints', risks: 'Open risk alerts', training: 'Training completion', targets: 'Target attainment', none: 'Nothing here.',
    unavailable: 'Could not be read just now ({status}).', contract: 'Contract', customer: 'Customer', amount: 'Amount', discount: 'Discount', stage: 'Stage',
    due: 'Due', owner: 'Owner', waitingFor: 'Waiting for', since: 'Since', approve: 'Approve', reject: 'Reject', request_changes: 'Request changes',
    comment: 'Comment', decide: 'Decide', decision: 'Decision', days: 'Working days overdue', severity: 'Severity', status: 'Status', rule: 'Rule', about: 'About',
    overdue: 'overdue', completed: 'completed', of: 'of', plan: 'Training plan {year}', noPlan: 'No training plan this year.', target: 'Target', actual: 'Actual',
    attainment: 'Attainment', behind: 'behind pace', period: 'Period', noTargets: 'No targets this period.', decided: 'Your decision on contract {id} was recorded.',
    kind: 'Kind', visitDue: 'Was due',
  },
} as const;

type Text = (typeof TEXT)[PageLocale];

export function deskNav(locale: PageLocale, current: 'desk' | 'analysis') {
  const t = TEXT[locale];
  return [{ href: '/desk', label: t.title, current: current === 'desk' }, { href: '/desk/analysis', label: t.analysis, current: current === 'analysis' }];
}

/** A table that turns into one card per row on a phone (the cells carry their column's name). */
function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell, i) => `<td data-label="${escapeHtml(headers[i])}">${cell}</td>`).join('')}</tr>`).join('');
  return `<table class="cards"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function block<T>(id: string, heading: string, t: Text, data: Section<T>, render: (value: T) => string | null): string {
  const inner = data.ok ? (render(data.value) ?? `<p>${escapeHtml(t.none)}</p>`) : `<p class="notice">${escapeHtml(t.unavailable.replace('{status}', String(data.status)))}</p>`;
  return `<section aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(heading)}</h2>${inner}</section>`;
}

const nonEmpty = <T>(items: T[], render: (items: T[]) => string): string | null => (items.length === 0 ? null : render(items));

export function deskPage(data: DeskData, csrf: string, decided?: string): string {
  const { locale, zone } = data.me;
  const t = TEXT[locale];
  const when = (iso: string | null) => (iso ? escapeHtml(formatInstant(iso, zone)) : '');
  const late = (iso: string | null) => (iso !== null && iso < data.now ? ` <span class="late">${escapeHtml(t.overdue)}</span>` : '');
  const money = (amount: number, currency: string) => escapeHtml(formatMoney(String(amount), currency));
  const sections = [
    block('approvals', t.approvals, t, data.inbox, (items) => nonEmpty(items, (rows) => table(
      [t.contract, t.customer, t.amount, t.discount, t.stage, t.due, t.decision],
      rows.map((item, i) => [
        escapeHtml(item.contract.title), escapeHtml(item.contract.customerName), money(item.contract.amount, item.contract.currency),
        escapeHtml(formatPercent(item.contract.discountPct)), escapeHtml(item.stage), when(item.dueAt) + late(item.dueAt),
        `<form method="post" action="/desk/approvals/${escapeHtml(item.contract.id)}/decision" class="decide">${csrf}
<fieldset><legend>${escapeHtml(t.decision)}</legend>${(['approve', 'reject', 'request_changes'] as const)
          .map((choice, c) => `<label><input type="radio" name="decision" value="${choice}"${c === 0 ? ' checked' : ''}> ${escapeHtml(t[choice])}</label>`).join('')}</fieldset>
<label for="comment-${i}">${escapeHtml(t.comment)}</label><textarea id="comment-${i}" name="comment" maxlength="4000"></textarea>
<button type="submit">${escapeHtml(t.decide)}</button></form>`,
      ]),
    ))),
    block('in-flight', t.inFlight, t, data.inFlight, (items) => nonEmpty(items, (rows) => table(
      [t.contract, t.owner, t.amount, t.stage, t.waitingFor, t.since, t.due],
      rows.map((item) => [
        escapeHtml(item.contract.title), escapeHtml(item.contract.owner.name), money(item.contract.amount, item.contract.currency), escapeHtml(item.stage),
        escapeHtml(item.waitingFor.map((p) => p.name).join(', ')), when(item.since), when(item.dueAt) + late(item.dueAt),
      ]),
    ))),
    block('visits', t.visits, t, data.overdueVisits, (items) => nonEmpty(items, (rows) => table(
      [t.customer, t.owner, t.kind, t.visitDue, t.days],
      rows.map((v) => [escapeHtml(v.customer.name), escapeHtml(v.owner.name), escapeHtml(v.kind), when(v.dueAt), `<span class="late">${v.overdueWorkingDays}</span>`]),
    ))),
    block('complaints', t.complaints, t, data.complaints, (items) => nonEmpty(items, (rows) => table(
      [t.customer, t.owner, t.severity, t.status, t.due],
      rows.map((c) => {
        const due = c.status === 'open' ? c.ackDueAt : c.resolveDueAt;
        return [escapeHtml(c.customer.name), escapeHtml(c.assignee.name), escapeHtml(c.severity), escapeHtml(c.status), when(due) + late(due)];
      }),
    ))),
    block('risks', t.risks, t, data.riskAlerts, (items) => nonEmpty(items, (rows) => table(
      [t.about, t.rule, t.severity, t.since],
      rows.map((a) => [escapeHtml(a.customer?.name ?? a.employee?.name ?? ''), escapeHtml(a.rule), escapeHtml(a.severity.toFixed(2)), when(a.createdAt)]),
    ))),
    block('training', t.training, t, data.training, (training) => training === null
      ? `<p>${escapeHtml(t.noPlan)}</p>`
      : `<div class="figures"><div class="figure">${escapeHtml(t.plan.replace('{year}', String(training.year)))}<strong>${training.completed} ${escapeHtml(t.of)} ${training.total} ${escapeHtml(t.completed)}</strong>${
        training.total > 0 ? escapeHtml(formatPercent((training.completed / training.total) * 100)) : ''}${training.overdue > 0 ? ` · <span class="late">${training.overdue} ${escapeHtml(t.overdue)}</span>` : ''}</div></div>`),
    block('targets', t.targets, t, data.targets, (total) => total === null
      ? `<p>${escapeHtml(t.noTargets)}</p>`
      : `<div class="figures"><div class="figure">${escapeHtml(t.period)} ${escapeHtml(total.period)}<strong>${total.attainmentPct === null ? '–' : escapeHtml(formatPercent(total.attainmentPct))}</strong>${escapeHtml(t.attainment)}${total.behindPace ? ` · <span class="late">${escapeHtml(t.behind)}</span>` : ''}</div>
<div class="figure">${escapeHtml(t.target)}<strong>${money(total.target, total.currency)}</strong></div><div class="figure">${escapeHtml(t.actual)}<strong>${money(total.actual, total.currency)}</strong></div></div>`),
  ];
  const notice = decided ? `<p class="notice" role="status">${escapeHtml(t.decided.replace('{id}', decided))}</p>` : '';
  return htmlPage(locale, `${t.title} · ${data.me.name}`, notice + sections.join('\n'), { nav: deskNav(locale, 'desk') });
}
