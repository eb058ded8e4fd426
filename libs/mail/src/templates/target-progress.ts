import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const INTRO = '{{t "targetProgress.intro" date=localDate currency=currency}}';
const HEADING = '{{t "targetProgress.heading" period=period elapsed=(percent elapsedPct)}}';
const ATTAINMENT = '{{#if attainmentPct includeZero=true}}{{percent attainmentPct}}{{else}}{{t "targetProgress.noTarget"}}{{/if}}';
const PACE = '{{#if behindPace}}{{t "targetProgress.behind"}}{{else}}{{t "targetProgress.onPace"}}{{/if}}';
const NAMES = '{{#each behind}}{{#unless @first}}, {{/unless}}{{this}}{{/each}}';
const BEHIND = `{{#if behind.length}}{{label "targetProgress.behindList" count=behind.length}}${NAMES}{{else}}{{t "targetProgress.nobodyBehind"}}{{/if}}`;
const TOTAL = '{{t "targetProgress.total" people=total.people}}';

const head = (...keys: string[]) => `<tr>${keys.map((key) => `<th style="${style.gridHead}">{{t "targetProgress.${key}"}}</th>`).join('')}</tr>`;
const cells = (prefix: string) =>
  `<td style="${style.gridNumber}">{{money ${prefix}target @root.currency}}</td><td style="${style.gridNumber}">{{money ${prefix}actual @root.currency}}</td>`
  + `<td style="${style.gridNumber}">{{#with ${prefix.replace(/\.$/, '') || 'this'}}}${ATTAINMENT}{{/with}}</td><td style="${style.gridNumber}">{{money ${prefix}expected @root.currency}}</td>`
  + `<td style="${style.gridCell}">{{#with ${prefix.replace(/\.$/, '') || 'this'}}}${PACE}{{/with}}</td>`;

const html = `<p style="${style.p}">${INTRO}</p>
{{#each sections}}
<h2 style="${style.h2}">${HEADING}</h2>
<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
${head('person', 'target', 'actual', 'attainment', 'expected', 'behind')}
{{#each people}}
<tr><td style="${style.gridCell}">{{name}}<br><span style="${style.muted}">{{email}}</span></td>${cells('')}</tr>
{{/each}}
<tr><td style="${style.gridCell}"><strong>${TOTAL}</strong></td>${cells('total.')}</tr>
</table>
<p style="${style.p}">${BEHIND}</p>
{{/each}}
<p style="${style.muted}">{{t "targetProgress.footer"}}</p>
`;

const line = (prefix: string) =>
  `{{label "targetProgress.target"}}{{money ${prefix}target @root.currency}} | {{label "targetProgress.actual"}}{{money ${prefix}actual @root.currency}} | `
  + `{{label "targetProgress.attainment"}}{{#with ${prefix.replace(/\.$/, '') || 'this'}}}${ATTAINMENT}{{/with}} | {{label "targetProgress.expected"}}{{money ${prefix}expected @root.currency}} | `
  + `{{#with ${prefix.replace(/\.$/, '') || 'this'}}}${PACE}{{/with}}`;

const text = `${INTRO}
{{#each sections}}

${HEADING}
{{#each people}}
  - {{name}} ({{email}}) | ${line('')}
{{/each}}
  ${TOTAL} | ${line('total.')}
  ${BEHIND}
{{/each}}

{{t "targetProgress.footer"}}
`;

/**
 * The Monday progress email to a manager: per reported period (the current quarter, the current
 * month), each person's target, actual, attainment and expected-by-now, who is behind pace, and
 * the team total.
 */
export const targetProgressTemplate: EmailTemplate<'target-progress'> = {
  subject: (data, t) => t('targetProgress.subject', { date: data.localDate, behind: data.behindCount }),
  html,
  text,
};
