import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

export const approvalRequestTemplate: EmailTemplate<'approval-request'> = {
  subject: (data, t) => {
    const params = { title: data.contract.title, id: data.contract.id };
    return data.round > 1 ? t('request.subjectRound', { ...params, round: data.round }) : t('request.subject', params);
  },

  html: `<p style="${style.p}">{{t "request.intro" submitter=contract.submitter.name stage=stage.name position=stage.position total=stage.total}}</p>
{{#if onBehalfOf}}
<p style="${style.notice}">{{t "request.onBehalfOf" name=onBehalfOf.name email=onBehalfOf.email}}</p>
{{/if}}
{{#if (gt round 1)}}
<p style="${style.notice}">{{t "request.round" round=round}}</p>
{{/if}}
<p style="${style.strong}">{{#if dueAt}}{{t "request.due" due=(instant dueAt)}}{{else}}{{t "request.noDue"}}{{/if}}</p>
{{> contractSummary}}
<h2 style="${style.h2}">{{t "request.discountHeading"}}</h2>
<p style="${style.p}">{{t "request.discountLine" discount=(percent contract.discountPct)}}</p>
{{#if discountBand}}
<p style="${style.strong}">{{t "request.discountBand" band=discountBand.band from=(percent discountBand.fromPct) to=(percent discountBand.toPct) tier=discountBand.tier productLine=discountBand.productLine ceiling=(percent discountBand.ceilingPct)}}</p>
{{/if}}
{{#if discountThresholds.length}}
<p style="${style.p}">{{t "request.thresholdsIntro" baseCurrency=contract.baseCurrency}}</p>
<ul style="${style.list}">
{{#each discountThresholds}}
<li>{{t "request.threshold" stage=stage when=when}}</li>
{{/each}}
</ul>
{{else}}
<p style="${style.p}">{{t "request.noThresholds"}}</p>
{{/if}}
<h2 style="${style.h2}">{{t "request.historyHeading" customer=contract.customerName}}</h2>
{{#if customerHistory.length}}
<table cellpadding="0" cellspacing="0" border="0" style="${style.grid}">
<tr><th style="${style.gridHead}">{{t "request.historyTitle"}}</th><th style="${style.gridHead}">{{t "request.historyAmount"}}</th><th style="${style.gridHead}">{{t "request.historyStatus"}}</th><th style="${style.gridHead}">{{t "request.historyCreated"}}</th></tr>
{{#each customerHistory}}
<tr><td style="${style.gridCell}">{{title}}<br><span style="${style.muted}">{{id}}</span></td><td style="${style.gridNumber}">{{money amount currency}}</td><td style="${style.gridCell}">{{statusLabel status}}</td><td style="${style.gridCell}">{{instant createdAt}}</td></tr>
{{/each}}
</table>
{{else}}
<p style="${style.p}">{{t "request.historyNone"}}</p>
{{/if}}
<h2 style="${style.h2}">{{t "request.avgHeading"}}</h2>
<p style="${style.p}">{{#if submitterAvgDiscount90d includeZero=true}}{{t "request.avgDiscount" submitter=contract.submitter.name avg=(percent submitterAvgDiscount90d)}}{{else}}{{t "request.avgNone" submitter=contract.submitter.name}}{{/if}}</p>
{{> actionButton}}
`,

  text: `{{t "request.intro" submitter=contract.submitter.name stage=stage.name position=stage.position total=stage.total}}
{{#if onBehalfOf}}
{{t "request.onBehalfOf" name=onBehalfOf.name email=onBehalfOf.email}}
{{/if}}
{{#if (gt round 1)}}
{{t "request.round" round=round}}
{{/if}}
{{#if dueAt}}{{t "request.due" due=(instant dueAt)}}{{else}}{{t "request.noDue"}}{{/if}}

{{> contractSummaryText}}

{{t "request.discountHeading"}}
  {{t "request.discountLine" discount=(percent contract.discountPct)}}
{{#if discountBand}}
  {{t "request.discountBand" band=discountBand.band from=(percent discountBand.fromPct) to=(percent discountBand.toPct) tier=discountBand.tier productLine=discountBand.productLine ceiling=(percent discountBand.ceilingPct)}}
{{/if}}
{{#if discountThresholds.length}}
  {{t "request.thresholdsIntro" baseCurrency=contract.baseCurrency}}
{{#each discountThresholds}}
  - {{t "request.threshold" stage=stage when=when}}
{{/each}}
{{else}}
  {{t "request.noThresholds"}}
{{/if}}

{{t "request.historyHeading" customer=contract.customerName}}
{{#each customerHistory}}
  - {{title}} ({{id}}) | {{money amount currency}} | {{statusLabel status}} | {{instant createdAt}}
{{else}}
  {{t "request.historyNone"}}
{{/each}}

{{t "request.avgHeading"}}
  {{#if submitterAvgDiscount90d includeZero=true}}{{t "request.avgDiscount" submitter=contract.submitter.name avg=(percent submitterAvgDiscount90d)}}{{else}}{{t "request.avgNone" submitter=contract.submitter.name}}{{/if}}

{{> actionText}}
`,
};
