/** The public sign-in pages: ask for a link, the page behind the link (GET changes nothing), and refusals. */
import { linkErrorPage } from '../http/link-page.js';
import { escapeHtml, htmlPage, type PageLocale } from '../http/page-layout.js';
import type { SignInLinkView } from './sign-in-links.service.js';

const TEXT = {
  'zh-CN': {
    title: '登录 salesflow', email: '工作邮箱', send: '发送登录链接', sent: '请查收邮件',
    sentBody: '如果该地址属于本公司员工，登录链接已发送至该邮箱。链接只能使用一次，15 分钟内有效。',
    as: '以 {name}（{email}）的身份登录。', button: '登录', until: '此链接的有效期至', sso: '使用公司单点登录',
    gone: '链接不可用', error: '无法处理',
  },
  en: {
    title: 'Sign in to salesflow', email: 'Work email', send: 'Email me a sign-in link', sent: 'Check your email',
    sentBody: 'If the address belongs to an employee, a sign-in link is on its way. It works once, for 15 minutes.',
    as: 'Sign in as {name} ({email}).', button: 'Sign in', until: 'This link works until', sso: 'Use company single sign-on',
    gone: 'This link can no longer be used', error: 'Could not be processed',
  },
} as const;

export function signInPageLocale(wanted: string | null | undefined): PageLocale {
  return wanted?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** The form that asks for a link; with single sign-on configured, a link to it too. */
export function signInFormPage(locale: PageLocale, singleSignOn: boolean): string {
  const t = TEXT[locale];
  const sso = singleSignOn ? `<p><a href="/auth/oidc/login">${escapeHtml(t.sso)}</a></p>` : '';
  return htmlPage(locale, t.title, `<form method="post" action="/auth/sign-in"><label for="email">${escapeHtml(t.email)}</label>
<input id="email" type="email" name="email" autocomplete="email" required maxlength="320"><button type="submit">${escapeHtml(t.send)}</button></form>${sso}`, { narrow: true });
}

export function signInSentPage(locale: PageLocale): string {
  const t = TEXT[locale];
  return htmlPage(locale, t.sent, `<p>${escapeHtml(t.sentBody)}</p>`, { narrow: true });
}

/** Behind the emailed link: one button that POSTs, so an email scanner following the GET signs nobody in. */
export function signInLinkPage(view: SignInLinkView, locale: PageLocale): string {
  const t = TEXT[locale];
  return htmlPage(locale, t.title, `<p>${escapeHtml(t.as.replace('{name}', view.name).replace('{email}', view.email))}</p>
<form method="post"><button type="submit">${escapeHtml(t.button)}</button></form>
<p><small>${escapeHtml(t.until)} ${escapeHtml(view.expiresAt)}</small></p>`, { narrow: true });
}

export function signInErrorPage(status: number, message: string, locale: PageLocale): string {
  return linkErrorPage(locale, TEXT[locale], status, message);
}
