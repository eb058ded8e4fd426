import type { EmailTemplate } from '../email-template.js';
import { linkButtonHtml } from './link-button.js';
import { style } from './styles.js';

const intro = '{{t "appraisalPeer.intro" person=person.name period=period due=(instant dueAt)}}';

/** A peer's single-use link to rate a colleague's teamwork; the colleague never learns who rated what. */
export const appraisalPeerRequestTemplate: EmailTemplate<'appraisal-peer-request'> = {
  subject: (data, t) => t('appraisalPeer.subject', { person: data.person.name, period: data.period }),

  html: `<p style="${style.p}">${intro}</p>
${linkButtonHtml('peerReviewUrl', { button: 'appraisalPeer.button', fallback: 'appraisalPeer.fallback' }, '{{t "appraisalPeer.anonymous"}}')}`,

  text: `${intro}

{{label "appraisalPeer.button"}}{{peerReviewUrl}}
{{t "appraisalPeer.anonymous"}}
`,
};
