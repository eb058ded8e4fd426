/** The page behind a risk digest link. Every value is escaped; GET never changes anything. */
import type { z } from 'zod/v4';
import type { RiskLinkView } from '#libs/contracts';
import { linkErrorPage } from '../http/link-page.js';
import { escapeHtml, htmlPage, type PageLocale } from '../http/page-layout.js';

type LinkView = z.infer<typeof RiskLinkView>;

const TEXT = {
  'zh-CN': {
    acknowledge: '确认风险预警', snooze: '暂缓风险预警', alert: '预警', severity: '严重程度', confirm: '确认', snoozeFor: '暂缓 {days} 天', reason: '原因（可选）',
    single: '此链接只能使用一次，有效期至', done: '已完成', status: '预警状态：', gone: '链接不可用', error: '无法处理',
  },
  en: {
    acknowledge: 'Acknowledge a risk alert', snooze: 'Snooze a risk alert', alert: 'Alert', severity: 'severity', confirm: 'Acknowledge', snoozeFor: 'Snooze {days} days', reason: 'Reason (optional)',
    single: 'This link works once, until', done: 'Done', status: 'The alert is now:', gone: 'This link can no longer be used', error: 'Could not be processed',
  },
} as const;

export function riskLinkLocale(wanted: string | null | undefined): PageLocale {
  return wanted?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function riskLinkPage(view: LinkView, locale: PageLocale): string {
  const t = TEXT[locale];
  const about = `${t.alert} ${view.alert.type} / ${view.alert.rule}, ${t.severity} ${view.alert.severity} (${view.alert.status})`;
  const form = view.action === 'acknowledge'
    ? `<form method="post"><button type="submit">${escapeHtml(t.confirm)}</button></form>`
    : `<form method="post"><label>${escapeHtml(t.reason)}<textarea name="reason" maxlength="500"></textarea></label><button type="submit">${escapeHtml(t.snoozeFor.replace('{days}', String(view.snoozeDays)))}</button></form>`;
  return htmlPage(locale, view.action === 'acknowledge' ? t.acknowledge : t.snooze, `<p>${escapeHtml(about)}</p>${form}<p><small>${escapeHtml(t.single)} ${escapeHtml(view.expiresAt)}</small></p>`, { narrow: true });
}

export function riskLinkDonePage(alert: { status: string }, locale: PageLocale): string {
  const t = TEXT[locale];
  return htmlPage(locale, t.done, `<p>${escapeHtml(t.status)} ${escapeHtml(alert.status)}</p>`, { narrow: true });
}

export function riskLinkErrorPage(status: number, message: string, locale: PageLocale): string {
  return linkErrorPage(locale, TEXT[locale], status, message);
}
