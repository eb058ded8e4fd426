import type { EmailTemplate } from '../email-template.js';
import type { EmailKind } from '../email-kinds.js';
import { approvalEscalationTemplate } from './approval-escalation.js';
import { approvalLadderTopTemplate } from './approval-ladder-top.js';
import { approvalOutcomeTemplate } from './approval-outcome.js';
import { approvalReminderTemplate } from './approval-reminder.js';
import { approvalRequestTemplate } from './approval-request.js';
import { delegationNoticeTemplate } from './delegation-notice.js';
import { revisitDigestTemplate } from './revisit-digest.js';
import { visitOverdueEscalationTemplate } from './visit-overdue-escalation.js';

/** The mapped type makes a new EmailKind without a template a compile error. */
export const emailTemplates: { readonly [K in EmailKind]: EmailTemplate<K> } = {
  'revisit-digest': revisitDigestTemplate,
  'visit-overdue-escalation': visitOverdueEscalationTemplate,
  'approval-request': approvalRequestTemplate,
  'approval-reminder': approvalReminderTemplate,
  'approval-escalation': approvalEscalationTemplate,
  'approval-ladder-top': approvalLadderTopTemplate,
  'approval-outcome': approvalOutcomeTemplate,
  'delegation-notice': delegationNoticeTemplate,
};
