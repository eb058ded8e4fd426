import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

/** "1 working day" / "3 working days": the count decides the message. */
export const overdueDaysText = (path: string) =>
  `{{#if (gt ${path} 1)}}{{t "digest.overdueDays" days=${path}}}{{else}}{{t "digest.overdueOneDay"}}{{/if}}`;

const OVERDUE = overdueDaysText('overdueDays');

const htmlRows = (list: 'today' | 'overdue') => `{{#each ${list}}}
<tr><td style="${style.gridCell}">{{customer.name}}<br><span style="${style.muted}">{{customer.code}} · {{t "visitKind" kind}} · {{visitId}}</span></td><td style="${style.gridCell}">{{customer.tier}}</td><td style="${style.gridCell}">{{instant dueAt}}</td>${list === 'overdue' ? `<td style="${style.gridNumber}">${OVERDUE}</td>` : ''}</tr>
{{/each}}`;

const htmlTable = (list: 'today' | 'overdue') => `<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
<tr><th style="${style.gridHead}">{{t "digest.customer"}}</th><th style="${style.gridHead}">{{t "digest.tier"}}</th><th style="${style.gridHead}">{{t "digest.due"}}</th>${list === 'overdue' ? `<th style="${style.gridHead}">{{t "digest.overdue"}}</th>` : ''}</tr>
${htmlRows(list)}
</table>`;

const textRows = (list: 'today' | 'overdue') => `{{#each ${list}}}
  - {{customer.name}} ({{customer.code}}) | {{label "digest.tier"}}{{customer.tier}} | {{t "visitKind" kind}} | {{label "digest.due"}}{{instant dueAt}}${list === 'overdue' ? ` | ${OVERDUE}` : ''} | {{visitId}}
{{/each}}`;

export const revisitDigestTemplate: EmailTemplate<'revisit-digest'> = {
  subject: (data, t) => {
    const params = { date: data.localDate, today: data.today.length, overdue: data.overdue.length };
    return data.asDelegate ? t('digest.subjectDelegate', { ...params, owner: data.owner.name }) : t('digest.subject', params);
  },

  html: `{{#if asDelegate}}
<p style="${style.notice}">{{t "digest.delegate" name=owner.name email=owner.email date=localDate}}</p>
{{else}}
<p style="${style.p}">{{t "digest.intro" date=localDate}}</p>
{{/if}}
{{#if overdue.length}}
<h2 style="${style.h2}">{{t "digest.overdueHeading" count=overdue.length}}</h2>
${htmlTable('overdue')}
{{/if}}
{{#if today.length}}
<h2 style="${style.h2}">{{t "digest.todayHeading" count=today.length}}</h2>
${htmlTable('today')}
{{/if}}
<p style="${style.p}">{{t "digest.record"}}</p>
`,

  text: `{{#if asDelegate}}
{{t "digest.delegate" name=owner.name email=owner.email date=localDate}}
{{else}}
{{t "digest.intro" date=localDate}}
{{/if}}

{{#if overdue.length}}
{{t "digest.overdueHeading" count=overdue.length}}
${textRows('overdue')}

{{/if}}
{{#if today.length}}
{{t "digest.todayHeading" count=today.length}}
${textRows('today')}

{{/if}}
{{t "digest.record"}}
`,
};
