import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const intro = '{{t "attritionAlert.intro" employee=employee.name email=employee.email}}';
const occasion = '{{t "attritionAlert.occasion" occasion}}';
const guardrail = '{{t "attritionAlert.guardrail" employee=employee.name}}';

/** [label, value] per signal; the data's object is null when that signal did not hold. */
const SIGNALS: [string, string, string][] = [
  ['scoreDrop', '{{t "attritionAlert.scoreDrop"}}', '{{t "attritionAlert.scoreDropValue" previous=previous previousPeriod=previousPeriod latest=latest latestPeriod=latestPeriod drop=drop minDrop=minDrop}}'],
  ['missedTargets', '{{t "attritionAlert.missedTargets"}}', '{{t "attritionAlert.missedTargetsValue" periods=periods kind=(t "attritionAlert.periodKind" periodKind) belowPct=belowPct attainments=attainments}}'],
  ['commissionDrop', '{{t "attritionAlert.commissionDrop"}}', '{{t "attritionAlert.commissionDropValue" latest=latest latestPeriod=latestPeriod ratioPct=ratioPct average=trailingAverage trailing=trailing belowPct=belowPct}}'],
  ['trainingOverdue', '{{t "attritionAlert.trainingOverdue"}}', '{{t "attritionAlert.trainingOverdueValue" count=count minimum=minimum}}'],
  ['contractsSentBack', '{{t "attritionAlert.contractsSentBack"}}', '{{t "attritionAlert.contractsSentBackValue" count=count contracts=contracts days=windowDays minimum=minimum}}'],
];

const signals = (row: (label: string, value: string) => string) => SIGNALS.map(([name, label, value]) => `{{#with ${name}}}${row(label, value)}{{/with}}`).join('\n');
const task = '{{t "attritionAlert.task" kind employee=../employee.name}}';
const due = '{{t "attritionAlert.due" due=(instant dueAt)}}';

const htmlRow = (label: string, value: string) => `<tr><th scope="row" style="${style.kvKey}">${label}</th><td style="${style.kvValue}">${value}</td></tr>`;
const textRow = (label: string, value: string) => `  ${label}{{t "colon"}}${value}`;

export const attritionAlertTemplate: EmailTemplate<'attrition-alert'> = {
  subject: (data, t) => t('attritionAlert.subject', { employee: data.employee.name, signals: data.severity }),

  html: `<p style="${style.strong}">${intro}</p>
<p style="${style.p}">${occasion}</p>
<h2 style="${style.h2}">{{t "attritionAlert.signalsHeading"}}</h2>
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${signals(htmlRow)}
</table>
<h2 style="${style.h2}">{{t "attritionAlert.tasksHeading"}}</h2>
<ul style="${style.list}">
{{#each tasks}}<li>${task}${due}</li>
{{/each}}</ul>
<p style="${style.small}">${guardrail}</p>
<p style="${style.p}">{{t "attritionAlert.action" id=alertId days=cooldownDays}}</p>
`,

  text: `${intro}
${occasion}

{{t "attritionAlert.signalsHeading"}}
${signals(textRow)}

{{t "attritionAlert.tasksHeading"}}
{{#each tasks}}  - ${task}${due}
{{/each}}
${guardrail}

{{t "attritionAlert.action" id=alertId days=cooldownDays}}
`,
};
