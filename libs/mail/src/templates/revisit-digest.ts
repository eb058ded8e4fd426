import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const htmlRows = (list: 'today' | 'overdue') => `{{#each ${list}}}
<tr><td style="${style.gridCell}">{{customer.name}}<br><span style="${style.muted}">{{customer.code}} · {{t "visitKind" kind}} · {{visitId}}</span></td><td style="${style.gridCell}">{{customer.tier}}</td><td style="${style.gridCell}">{{instant dueAt}}</td>${list === 'overdue' ? `<td style="${style.gridNumber}">{{t "digest.overdueDays" days=overdueDays}}</td>` : ''}</tr>
{{/each}}`;

const htmlTable = (list: 'today' | 'overdue') => `<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
<tr><th style="${style.gridHead}">{{t "digest.customer"}}</th><th style="${style.gridHead}">{{t "digest.tier"}}</th><th style="${style.gridHead}">{{t "digest.due"}}</th>${list === 'overdue' ? `<th style="${style.gridHead}">{{t "digest.overdue"}}</th>` : ''}</tr>
${htmlRows(list)}
</table>`;

const textRows = (list: 'today' | 'overdue') => `{{#each ${list}}}
  - {{customer.name}} ({{customer.code}}) | {{label "digest.tier"}}{{customer.tier}} | {{t "visitKind" kind}} | {{label "digest.due"}}{{instant dueAt}}${list === 'overdue' ? ' | {{t "digest.overdueDays" days=overdueDays}}' : ''} | {{visitId}}
{{/each}}`;

export const revisitDigestTemplate: EmailTemplate<'revisit-digest'> = {
  subject: (data, t) => {
    const params = { date: data.localDate, today: data.today.length, overdue: data.overdue.length };
    return data.asDelegate ? t('digest.subjectDelegate', { ...params, owner: data.owner.name }) : t('digest.subject', params);
  },

  html: `{{#if asDelegate}}
<p style="${style.notice}">{{t "digest.delegate" name=owner.name email=owner.email}}</p>
{{/if}}
<p style="${style.p}">{{t "digest.intro" date=localDate}}</p>
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
{{t "digest.delegate" name=owner.name email=owner.email}}
{{/if}}
{{t "digest.intro" date=localDate}}

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
