import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

export const approvalLadderTopTemplate: EmailTemplate<'approval-ladder-top'> = {
  subject: (data, t) => t('ladderTop.subject', { title: data.contract.title, id: data.contract.id }),

  html: `<p style="${style.strong}">{{t "ladderTop.intro" approver=approver.name email=approver.email stage=stage.name level=level}}</p>
<p style="${style.p}">{{t "ladderTop.action"}}</p>
<p style="${style.p}">{{t "ladderTop.once"}}</p>
{{> contractSummary}}
`,

  text: `{{t "ladderTop.intro" approver=approver.name email=approver.email stage=stage.name level=level}}
{{t "ladderTop.action"}}
{{t "ladderTop.once"}}

{{> contractSummaryText}}
`,
};
