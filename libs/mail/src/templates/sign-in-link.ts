import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{t "signIn.intro" expires=(instant expiresAt)}}';

/** The single-use link that opens a browser session (POST /auth/sign-in). */
export const signInLinkTemplate: EmailTemplate<'sign-in-link'> = {
  subject: (_data, t) => t('signIn.subject'),

  html: `<p style="${style.p}">${intro}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.buttonTable}">
<tr><td style="${style.buttonCell}"><a href="{{signInUrl}}" target="_blank" rel="noopener" style="${style.button}">{{t "signIn.button"}}</a></td></tr>
</table>
<p style="${style.p}">{{t "signIn.ignore"}}</p>
<p style="${style.small}">{{t "signIn.fallback"}}<br><a href="{{signInUrl}}" target="_blank" rel="noopener" style="${style.link}">{{signInUrl}}</a></p>
`,

  text: `${intro}

{{label "signIn.button"}}{{signInUrl}}
{{t "signIn.ignore"}}
`,
};
