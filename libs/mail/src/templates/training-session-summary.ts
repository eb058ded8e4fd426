import { style } from './styles.js';

const row = (labelKey: string, value: string): string =>
  `<tr><th scope="row" style="${style.kvKey}">{{t "${labelKey}"}}</th><td style="${style.kvValue}">${value}</td></tr>`;

/** The session every training email shows, times in the recipient's zone. Expects `session` in context. */
export const trainingSessionSummaryHtml = `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${style.kvTable}">
${row('training.course', '{{session.courseTitle}} ({{session.courseCode}})')}
${row('training.starts', '{{instant session.startsAt}}')}
${row('training.ends', '{{instant session.endsAt}}')}
{{#if session.place}}${row('training.place', '{{session.place}}')}{{/if}}
{{#if session.onlineUrl}}${row('training.online', '<a href="{{session.onlineUrl}}" style="' + style.link + '">{{session.onlineUrl}}</a>')}{{/if}}
${row('training.trainer', '{{person session.trainer}}')}
${row('training.sessionId', '{{session.id}}')}
</table>
`;

export const trainingSessionSummaryText = `  {{label "training.course"}}{{session.courseTitle}} ({{session.courseCode}})
  {{label "training.starts"}}{{instant session.startsAt}}
  {{label "training.ends"}}{{instant session.endsAt}}
{{#if session.place}}  {{label "training.place"}}{{session.place}}
{{/if}}{{#if session.onlineUrl}}  {{label "training.online"}}{{session.onlineUrl}}
{{/if}}  {{label "training.trainer"}}{{person session.trainer}}
  {{label "training.sessionId"}}{{session.id}}
`;
