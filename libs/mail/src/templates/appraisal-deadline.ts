import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const body = '{{#if owner}}{{t "appraisalDeadline.body" action step person=person.name owner=owner.name period=period due=(instant dueAt)}}'
  + '{{else}}{{t "appraisalDeadline.body" action step person=person.name period=period due=(instant dueAt)}}{{/if}}';

/** A review step's reminder to whoever owes it, or its escalation to the one above them. */
export const appraisalDeadlineTemplate: EmailTemplate<'appraisal-deadline'> = {
  subject: (data, t) => t(`appraisalDeadline.subject.${data.action}.${data.step}`, { person: data.person.name, period: data.period }),

  html: `<p style="${style.p}">${body}</p>
<p style="${style.p}">{{t "appraisalDeadline.never"}}</p>
<p style="${style.small}">{{t "appraisalDeadline.id" id=appraisalId}}</p>`,

  text: `${body}

{{t "appraisalDeadline.never"}}
{{t "appraisalDeadline.id" id=appraisalId}}`,
};
