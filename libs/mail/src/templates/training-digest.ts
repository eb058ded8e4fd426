import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const LATE = '{{#if (gt daysOverdue 1)}}{{t "trainingDigest.daysOverdue" days=daysOverdue}}{{else}}{{t "trainingDigest.oneDayOverdue"}}{{/if}}';
const WHERE = '{{#if place}}{{place}}{{else}}{{orNotSpecified onlineUrl}}{{/if}}';
const NEEDED_BY = '{{#each neededBy}}{{#unless @first}}, {{/unless}}{{this}}{{/each}}';
const INTRO = '{{t "trainingDigest.intro" date=localDate year=year days=horizonDays}}';
const NO_REQUIREMENTS = '{{t "trainingDigest.noRequirements" people=people.length year=year}}';
const NO_SESSIONS = '{{t "trainingDigest.noSessions" days=horizonDays}}';
const SESSIONS_HEADING = '{{t "trainingDigest.sessionsHeading" days=horizonDays count=sessions.length}}';

const head = (...keys: string[]) => `<tr>${keys.map((key) => `<th style="${style.gridHead}">{{t "trainingDigest.${key}"}}</th>`).join('')}</tr>`;

const html = `<p style="${style.p}">${INTRO}</p>
{{#if hasRequirements}}
<h2 style="${style.h2}">{{t "trainingDigest.peopleHeading" count=people.length}}</h2>
<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
${head('person', 'total', 'completed', 'open', 'overdue')}
{{#each people}}
<tr><td style="${style.gridCell}">{{name}}<br><span style="${style.muted}">{{email}}</span></td><td style="${style.gridNumber}">{{total}}</td><td style="${style.gridNumber}">{{completed}}</td><td style="${style.gridNumber}">{{open}}</td><td style="${style.gridNumber}">{{overdue}}</td></tr>
{{/each}}
</table>
<h2 style="${style.h2}">{{t "trainingDigest.overdueHeading" count=overdue.length}}</h2>
{{#if overdue.length}}
<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
${head('person', 'course', 'dueOn', 'late')}
{{#each overdue}}
<tr><td style="${style.gridCell}">{{person.name}}</td><td style="${style.gridCell}">{{courseTitle}}<br><span style="${style.muted}">{{courseCode}}</span></td><td style="${style.gridCell}">{{dueOn}}</td><td style="${style.gridNumber}">${LATE}</td></tr>
{{/each}}
</table>
{{else}}
<p style="${style.p}">{{t "trainingDigest.nothingOverdue"}}</p>
{{/if}}
<h2 style="${style.h2}">${SESSIONS_HEADING}</h2>
{{#if sessions.length}}
<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
${head('course', 'starts', 'where', 'freeSeats', 'neededBy')}
{{#each sessions}}
<tr><td style="${style.gridCell}">{{courseTitle}}<br><span style="${style.muted}">{{courseCode}} · {{sessionId}}</span></td><td style="${style.gridCell}">{{instant startsAt}}</td><td style="${style.gridCell}">${WHERE}</td><td style="${style.gridNumber}">{{freeSeats}}</td><td style="${style.gridCell}">${NEEDED_BY}</td></tr>
{{/each}}
</table>
{{else}}
<p style="${style.p}">${NO_SESSIONS}</p>
{{/if}}
{{else}}
<p style="${style.p}">${NO_REQUIREMENTS}</p>
{{/if}}
<p style="${style.muted}">{{t "trainingDigest.footer"}}</p>
`;

const text = `${INTRO}

{{#if hasRequirements}}
{{t "trainingDigest.peopleHeading" count=people.length}}
{{#each people}}
  - {{name}} ({{email}}) | {{label "trainingDigest.total"}}{{total}} | {{label "trainingDigest.completed"}}{{completed}} | {{label "trainingDigest.open"}}{{open}} | {{label "trainingDigest.overdue"}}{{overdue}}
{{/each}}

{{t "trainingDigest.overdueHeading" count=overdue.length}}
{{#if overdue.length}}
{{#each overdue}}
  - {{person.name}} | {{courseTitle}} ({{courseCode}}) | {{label "trainingDigest.dueOn"}}{{dueOn}} | {{label "trainingDigest.late"}}${LATE}
{{/each}}
{{else}}
  {{t "trainingDigest.nothingOverdue"}}
{{/if}}

${SESSIONS_HEADING}
{{#if sessions.length}}
{{#each sessions}}
  - {{courseTitle}} ({{courseCode}}) | {{label "trainingDigest.starts"}}{{instant startsAt}} | {{label "trainingDigest.where"}}${WHERE} | {{label "trainingDigest.freeSeats"}}{{freeSeats}} | {{label "trainingDigest.neededBy"}}${NEEDED_BY} | {{sessionId}}
{{/each}}
{{else}}
  ${NO_SESSIONS}
{{/if}}
{{else}}
${NO_REQUIREMENTS}
{{/if}}

{{t "trainingDigest.footer"}}
`;

/**
 * The weekly team digest to a manager: one table per person, what is overdue, sessions with free
 * seats. A manager whose people have no requirement this year gets the short form (one sentence).
 */
export const trainingDigestTemplate: EmailTemplate<'training-digest'> = {
  subject: (data, t) => t('trainingDigest.subject', { date: data.localDate, overdue: data.overdue.length, sessions: data.sessions.length }),
  html,
  text,
};
