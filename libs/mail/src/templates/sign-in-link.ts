import type { EmailTemplate } from '../email-template.js';
import { linkButtonHtml } from './link-button.js';
import { style } from './styles.js';

const intro = '{{t "signIn.intro" expires=(instant expiresAt)}}';

/** The single-use link that opens a browser session (POST /auth/sign-in). */
export const signInLinkTemplate: EmailTemplate<'sign-in-link'> = {
  subject: (_data, t) => t('signIn.subject'),

  html: `<p style="${style.p}">${intro}</p>
${linkButtonHtml('signInUrl', { button: 'signIn.button', fallback: 'signIn.fallback' }, '{{t "signIn.ignore"}}')}`,

  text: `${intro}

{{label "signIn.button"}}{{signInUrl}}
{{t "signIn.ignore"}}
`,
};
