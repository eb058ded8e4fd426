import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

const HEADLINE = '{{#if score includeZero=true}}{{t "appraisalResult.headline" period=period band=band score=score}}{{else}}{{t "appraisalResult.headlineNoScore" period=period band=band}}{{/if}}';
const CALIBRATION = '{{#if calibration}}{{t "appraisalResult.calibrated" from=(orNotSpecified calibration.from) band=band reason=calibration.reason}}{{/if}}';
const KPI = '{{t "appraisalResult.kpi" kind}}';
const VALUE = '{{#if value includeZero=true}}{{value}}{{else}}-{{/if}}';
const SCORE = '{{#if score includeZero=true}}{{score}}{{else}}{{t "appraisalResult.status" status}}{{/if}}';
const WEIGHT = '{{#if weightPct includeZero=true}}{{weightPct}}%{{else}}-{{/if}}';
const EVIDENCE = '{{t "appraisalResult.evidence" count=evidenceCount}}{{#each evidence}} {{sourceKind}}:{{sourceId}}{{/each}}';
const COMMENTS = `{{#if selfComment}}{{label "appraisalResult.selfComment"}}{{selfComment}}
{{/if}}{{#if managerComment}}{{label "appraisalResult.managerComment"}}{{managerComment}}
{{/if}}{{#each peerComments}}{{label "appraisalResult.peerComment"}}{{this}}
{{/each}}`;

const head = (...keys: string[]) => `<tr>${keys.map((key) => `<th style="${style.gridHead}">{{t "appraisalResult.${key}"}}</th>`).join('')}</tr>`;

/** The signed-off appraisal to its person, in their locale: every KPI with its records, the band, the comments. */
export const appraisalResultTemplate: EmailTemplate<'appraisal-result'> = {
  subject: (data, t) => t('appraisalResult.subject', { period: data.period, band: data.band }),

  html: `<p style="${style.strong}">${HEADLINE}</p>
{{#if calibration}}<p style="${style.notice}">${CALIBRATION}</p>{{/if}}
<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
${head('kpiHead', 'valueHead', 'scoreHead', 'weightHead', 'evidenceHead')}
{{#each kpis}}
<tr><td style="${style.gridCell}">${KPI}</td><td style="${style.gridNumber}">${VALUE}</td><td style="${style.gridNumber}">${SCORE}</td><td style="${style.gridNumber}">${WEIGHT}</td><td style="${style.gridCell}"><span style="${style.muted}">${EVIDENCE}</span></td></tr>
{{/each}}
</table>
{{#if selfComment}}<p style="${style.p}">{{label "appraisalResult.selfComment"}}{{selfComment}}</p>{{/if}}
{{#if managerComment}}<p style="${style.p}">{{label "appraisalResult.managerComment"}}{{managerComment}}</p>{{/if}}
{{#each peerComments}}<p style="${style.p}">{{label "appraisalResult.peerComment"}}{{this}}</p>{{/each}}
<p style="${style.small}">{{t "appraisalResult.id" id=appraisalId}}</p>`,

  text: `${HEADLINE}
${CALIBRATION}
{{#each kpis}}
  - {{label "appraisalResult.kpi" kind}}${VALUE} | {{label "appraisalResult.scoreHead"}}${SCORE} | {{label "appraisalResult.weightHead"}}${WEIGHT} | ${EVIDENCE}
{{/each}}

${COMMENTS}
{{t "appraisalResult.id" id=appraisalId}}`,
};
