import type { EmailTemplate } from '../email-template.js';
import { style } from './styles.js';

export const delegationNoticeTemplate: EmailTemplate<'delegation-notice'> = {
  subject: (data, t) => t('delegation.subject', { title: data.contract.title, id: data.contract.id }),

  html: `<p style="${style.strong}">{{t "delegation.intro" name=absentApprover.name email=absentApprover.email stage=stage.name}}</p>
{{> actionButton}}
{{> contractSummary}}
`,

  text: `{{t "delegation.intro" name=absentApprover.name email=absentApprover.email stage=stage.name}}

{{> actionText}}

{{> contractSummaryText}}
`,
};
