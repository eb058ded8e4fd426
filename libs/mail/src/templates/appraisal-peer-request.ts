import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{t "appraisalPeer.intro" person=person.name period=period due=(instant dueAt)}}';

/** A peer's single-use link to rate a colleague's teamwork; the colleague never learns who rated what. */
export const appraisalPeerRequestTemplate: EmailTemplate<'appraisal-peer-request'> = {
  subject: (data, t) => t('appraisalPeer.subject', { person: data.person.name, period: data.period }),

  html: `<p style="${style.p}">${intro}</p>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.buttonTable}">
<tr><td style="${style.buttonCell}"><a href="{{peerReviewUrl}}" target="_blank" rel="noopener" style="${style.button}">{{t "appraisalPeer.button"}}</a></td></tr>
</table>
<p style="${style.p}">{{t "appraisalPeer.anonymous"}}</p>
<p style="${style.small}">{{t "appraisalPeer.fallback"}}<br><a href="{{peerReviewUrl}}" target="_blank" rel="noopener" style="${style.link}">{{peerReviewUrl}}</a></p>
`,

  text: `${intro}

{{label "appraisalPeer.button"}}{{peerReviewUrl}}
{{t "appraisalPeer.anonymous"}}
`,
};
