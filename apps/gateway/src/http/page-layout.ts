import { FONT_STACK, PALETTE as C } from '#libs/mail';

/**
 * Text outside the white card (navigation, footer) is in the text colour: the muted grey and the
 * accent blue reach only about 4.2:1 on the page background, below WCAG AA (axe-core color-contrast).
 *
 * The one look of every HTML page (email-link pages, the desk, the analysis): the emails' palette
 * and type (libs/mail templates/palette.ts), one stylesheet, landmarks (header, main, footer) and
 * visible focus so keyboard use and an automated accessibility check (axe-core) pass.
 */
export type PageLocale = 'zh-CN' | 'en';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLESHEET = `*{box-sizing:border-box}
body{margin:0;background:${C.page};color:${C.text};font-family:${FONT_STACK};font-size:15px;line-height:1.6}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:${C.card};padding:.3rem .6rem;z-index:1}
header,footer{max-width:64rem;margin:0 auto;padding:.8rem 1rem}
header nav a{margin-right:1rem;color:${C.text};font-weight:bold}header nav a[aria-current=page]{text-decoration:none;border-bottom:3px solid ${C.accent}}
footer{font-size:13px;color:${C.text}}
main{max-width:64rem;margin:0 auto 1rem;padding:1.2rem;background:${C.card};border:1px solid ${C.border};border-radius:6px}
main.narrow{max-width:40rem}
h1{font-size:1.4rem;margin:0 0 1rem}h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
a{color:${C.accent}}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid ${C.accent};outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:0 0 1rem;font-size:14px}
th,td{padding:.4rem .6rem;border:1px solid ${C.border};text-align:left;vertical-align:top}
thead th{background:${C.headCell}}
th[scope=row]{font-weight:normal;color:${C.muted};white-space:nowrap;background:none}
td.num{text-align:right;white-space:nowrap}
.notice{padding:.5rem .8rem;background:${C.noticeBackground};border-left:4px solid ${C.noticeBorder}}
.muted,small{color:${C.muted};font-size:13px}
.late{color:${C.danger};font-weight:bold}
fieldset{border:0;padding:0;margin:0}
label{display:block;margin:.4rem 0}
textarea{width:100%;min-height:4rem;font:inherit}
input[type=email],input[type=date]{font:inherit;padding:.4rem}input[type=email]{width:100%}
button{font:inherit;font-weight:bold;padding:.5rem 1.2rem;margin-top:.6rem;border:0;border-radius:4px;background:${C.accent};color:${C.accentText};cursor:pointer}
button.secondary{background:${C.card};color:${C.accent};border:1px solid ${C.accent}}
.figures{display:flex;flex-wrap:wrap;gap:1rem}.figure{flex:1 1 12rem;border:1px solid ${C.border};border-radius:6px;padding:.6rem .8rem}
.figure strong{display:block;font-size:1.4rem}
.chart{overflow-x:auto;margin:0 0 1.2rem}.chart svg{max-width:100%;height:auto}
.decide{display:flex;flex-wrap:wrap;gap:.4rem;align-items:flex-end}.decide label{flex:1 1 12rem;margin:0}
.decide textarea{min-height:2.4rem}
@media (max-width:40rem){main{border-radius:0;border-left:0;border-right:0;padding:.8rem}
table.cards thead{position:absolute;left:-999px}table.cards tr{display:block;border:1px solid ${C.border};margin:0 0 .6rem}
table.cards td{display:block;border:0}table.cards td::before{content:attr(data-label) ': ';color:${C.muted}}}`;

const SKIP = { 'zh-CN': '跳到正文', en: 'Skip to content' } as const;
const FOOTER = { 'zh-CN': 'Salesflow 销售流程自动化', en: 'Salesflow sales workflow automation' } as const;

export interface PageOptions {
  /** Links above the content (the desk's navigation); the email-link pages have none. */
  nav?: { href: string; label: string; current?: boolean }[];
  /** A narrow column for single forms (the email-link pages). */
  narrow?: boolean;
}

/** A whole page: every value in `body` must already be escaped. */
export function htmlPage(locale: PageLocale, heading: string, body: string, options: PageOptions = {}): string {
  const nav = options.nav?.length
    ? `<header><nav aria-label="${locale === 'en' ? 'Main' : '主导航'}">${options.nav
        .map((link) => `<a href="${escapeHtml(link.href)}"${link.current ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`)
        .join('')}</nav></header>`
    : '';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(heading)}</title><style>${STYLESHEET}</style></head>
<body><a class="skip" href="#content">${SKIP[locale]}</a>${nav}<main id="content"${options.narrow ? ' class="narrow"' : ''}><h1>${escapeHtml(heading)}</h1>${body}</main>
<footer>${FOOTER[locale]}</footer></body></html>`;
}

/** Rows of label and value (already escaped values), as the emails' summary tables show them. */
export function keyValueTable(rows: [string, string][]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
}
