import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{#if decidedBy}}{{t "promotionNomination.intro" role status person=person.name band=band streak=streak decidedBy=decidedBy.name}}'
  + '{{else}}{{t "promotionNomination.intro" role status person=person.name band=band streak=streak id=nominationId}}{{/if}}';
const row = '{{t "promotionNomination.evidenceRow" period=period score=score band=band}}';

/** A promotion nomination: to HR and the manager when a streak nominates the person; to HR when the manager decides. */
export const promotionNominationTemplate: EmailTemplate<'promotion-nomination'> = {
  subject: (data, t) => t(`promotionNomination.subject.${data.status}`, { person: data.person.name, band: data.band, streak: data.streak }),

  html: `<p style="${style.strong}">${intro}</p>
{{#if reason}}<p style="${style.p}">{{label "promotionNomination.reason"}}{{reason}}</p>{{/if}}
<p style="${style.p}">{{label "promotionNomination.evidence"}}</p>
<ul>
{{#each evidence}}<li style="${style.p}">${row}</li>
{{/each}}
</ul>
<p style="${style.small}">{{t "promotionNomination.id" id=nominationId}}</p>`,

  text: `${intro}

{{#if reason}}{{label "promotionNomination.reason"}}{{reason}}
{{/if}}
{{label "promotionNomination.evidence"}}
{{#each evidence}}- ${row}
{{/each}}

{{t "promotionNomination.id" id=nominationId}}`,
};
