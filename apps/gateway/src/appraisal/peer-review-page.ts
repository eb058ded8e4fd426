/** The public page behind a peer's rating link. Every value is escaped; GET never changes anything. */
import type { PeerReviewPageView } from '#libs/contracts';
import { formatInstant } from '#libs/mail';
import { linkErrorPage } from '../http/link-page.js';
import { escapeHtml, htmlPage, type PageLocale } from '../http/page-layout.js';

const TEXT = {
  'zh-CN': {
    title: '团队合作评分', intro: '请为 {person} 在 {period} 的团队合作打分。您的评分和意见将以匿名方式出现在其评估中。', rating: '评分', comment: '意见（可选）', submit: '提交',
    due: '请在此时间前提交：', thanks: '感谢您的评分！', recorded: '您的评分已记录：', gone: '链接不可用', error: '无法处理',
    ratings: ['1 很差', '2 较差', '3 一般', '4 良好', '5 优秀'],
  },
  en: {
    title: 'Teamwork rating', intro: 'Please rate the teamwork of {person} in {period}. Your rating and comment appear in their appraisal without your name.', rating: 'Rating', comment: 'Comment (optional)', submit: 'Send',
    due: 'Please answer by', thanks: 'Thank you for your rating!', recorded: 'Your rating was recorded:', gone: 'This link can no longer be used', error: 'Could not be processed',
    ratings: ['1 poor', '2 fair', '3 good', '4 very good', '5 excellent'],
  },
} as const;

export function peerPageLocale(wanted: string | null | undefined): PageLocale {
  return wanted?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function peerReviewPage(view: PeerReviewPageView, locale: PageLocale): string {
  const t = TEXT[locale];
  const choices = t.ratings.map((label, i) => `<label><input type="radio" name="rating" value="${i + 1}" required> ${escapeHtml(label)}</label>`).join('');
  return htmlPage(locale, t.title, `<p>${escapeHtml(t.intro.replace('{person}', view.person.name).replace('{period}', view.period))}</p>
<form method="post"><fieldset><legend>${escapeHtml(t.rating)}</legend>${choices}</fieldset>
<label>${escapeHtml(t.comment)}<textarea name="comment" maxlength="4000"></textarea></label><button type="submit">${escapeHtml(t.submit)}</button></form>
<p><small>${escapeHtml(t.due)} ${escapeHtml(formatInstant(view.dueAt, view.timezone))}</small></p>`, { narrow: true });
}

export function peerReviewThanksPage(rating: number, locale: PageLocale): string {
  const t = TEXT[locale];
  return htmlPage(locale, t.thanks, `<p>${escapeHtml(t.recorded)} ${escapeHtml(rating)} / 5</p>`, { narrow: true });
}

export function peerReviewErrorPage(status: number, message: string, locale: PageLocale): string {
  return linkErrorPage(locale, TEXT[locale], status, message);
}
