import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const line = '{{t "riskDigest.line" type=(t "riskDigest.type" type) rule=rule severity=severity about=about since=(instant since) tasks=openTasks}}';
const more = '{{#if more}}{{t "riskDigest.more" more=more}}{{/if}}';

/** The manager's daily risk digest: the first ten open alerts of their line in full, each with its acknowledge and snooze links, the rest counted. */
export const riskDigestTemplate: EmailTemplate<'risk-digest'> = {
  subject: (data, t) => t('riskDigest.subject', { date: data.localDate, total: data.total }),

  html: `<p style="${style.p}">{{t "riskDigest.intro"}}</p>
<ol style="${style.list}">
{{#each alerts}}<li>${line}<br><a style="${style.link}" href="{{acknowledgeUrl}}">{{t "riskDigest.acknowledge"}}</a> · <a style="${style.link}" href="{{snoozeUrl}}">{{t "riskDigest.snooze" days=../snoozeDays}}</a></li>
{{/each}}</ol>
<p style="${style.p}">${more}</p>
<p style="${style.small}">{{t "riskDigest.links"}}</p>`,

  text: `{{t "riskDigest.intro"}}

{{#each alerts}}- ${line}
   {{t "riskDigest.acknowledge"}}: {{acknowledgeUrl}}
   {{t "riskDigest.snooze" days=../snoozeDays}}: {{snoozeUrl}}
{{/each}}
${more}
{{t "riskDigest.links"}}`,
};
