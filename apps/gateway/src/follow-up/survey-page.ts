/** The public page behind a survey email link. Every value is escaped; GET never changes anything. */
import type { SurveyView } from '#libs/contracts';
import { formatInstant } from '#libs/mail';
import { linkErrorPage } from '../http/link-page.js';
import { escapeHtml, htmlPage, type PageLocale } from '../http/page-layout.js';

export type SurveyLocale = PageLocale;

const TEXT = {
  'zh-CN': {
    title: '满意度调查', intro: '感谢您抽出时间。请为我们的服务打分（{customer}）。', score: '评分', comment: '意见（可选）', submit: '提交',
    single: '此链接只能使用一次，有效期至', thanks: '感谢您的反馈！', recorded: '您的评分已记录：', gone: '链接不可用', error: '无法处理',
    scores: ['1 非常不满意', '2 不满意', '3 一般', '4 满意', '5 非常满意'],
  },
  en: {
    title: 'Satisfaction survey', intro: 'Thank you for your time. Please rate our service ({customer}).', score: 'Score', comment: 'Comment (optional)', submit: 'Send',
    single: 'This link works once, until', thanks: 'Thank you for your feedback!', recorded: 'Your score was recorded:', gone: 'This link can no longer be used', error: 'Could not be processed',
    scores: ['1 very dissatisfied', '2 dissatisfied', '3 neutral', '4 satisfied', '5 very satisfied'],
  },
} as const;

export function surveyLocale(wanted: string | null | undefined): SurveyLocale {
  return wanted?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function page(locale: SurveyLocale, heading: string, body: string): string {
  return htmlPage(locale, heading, body, { narrow: true });
}

export function surveyPage(view: SurveyView, locale: SurveyLocale): string {
  const t = TEXT[locale];
  const choices = t.scores
    .map((label, i) => `<label><input type="radio" name="score" value="${i + 1}" required> ${escapeHtml(label)}</label>`)
    .join('');
  return page(locale, t.title, `<p>${escapeHtml(t.intro.replace('{customer}', view.customerName))}</p>
<form method="post"><fieldset><legend>${escapeHtml(t.score)}</legend>${choices}</fieldset>
<label>${escapeHtml(t.comment)}<textarea name="comment" maxlength="4000"></textarea></label><button type="submit">${escapeHtml(t.submit)}</button></form>
<p><small>${escapeHtml(t.single)} ${escapeHtml(formatInstant(view.expiresAt, view.timezone))}</small></p>`);
}

export function surveyThanksPage(score: number, locale: SurveyLocale): string {
  const t = TEXT[locale];
  return page(locale, t.thanks, `<p>${escapeHtml(t.recorded)} ${escapeHtml(score)} / 5</p>`);
}

export function surveyErrorPage(status: number, message: string, locale: SurveyLocale): string {
  return linkErrorPage(locale, TEXT[locale], status, message);
}
