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
import { complaintAssignedTemplate } from './complaint-assigned.js';
import { complaintEscalationTemplate } from './complaint-escalation.js';
import { complaintReminderTemplate } from './complaint-reminder.js';
import { surveyLowScoreTemplate } from './survey-low-score.js';
import { surveyRequestTemplate } from './survey-request.js';
import { riskAlertTemplate } from './risk-alert.js';
import { trainingCancellationTemplate } from './training-cancellation.js';
import { trainingFailedTemplate } from './training-failed.js';
import { trainingInvitationTemplate } from './training-invitation.js';
import { trainingDigestTemplate } from './training-digest.js';
import { targetProgressTemplate } from './target-progress.js';
import { trainingOverdueTemplate } from './training-overdue.js';
import { trainingReminderTemplate } from './training-reminder.js';
import { commissionDisputeTemplate } from './commission-dispute.js';
import { trainingFeedbackTemplate } from './training-feedback.js';
import { promotionNominationTemplate } from './promotion-nomination.js';
import { appraisalDeadlineTemplate } from './appraisal-deadline.js';
import { appraisalPeerRequestTemplate } from './appraisal-peer-request.js';
import { appraisalResultTemplate } from './appraisal-result.js';
import { attritionAlertTemplate } from './attrition-alert.js';
import { riskTaskDeadlineTemplate } from './risk-task-deadline.js';
import { riskDigestTemplate } from './risk-digest.js';
import { signInLinkTemplate } from './sign-in-link.js';

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
  'complaint-assigned': complaintAssignedTemplate,
  'complaint-reminder': complaintReminderTemplate,
  'complaint-escalation': complaintEscalationTemplate,
  'survey-request': surveyRequestTemplate,
  'survey-low-score': surveyLowScoreTemplate,
  'risk-alert': riskAlertTemplate,
  'training-invitation': trainingInvitationTemplate,
  'training-cancellation': trainingCancellationTemplate,
  'training-reminder': trainingReminderTemplate,
  'training-failed': trainingFailedTemplate,
  'training-overdue': trainingOverdueTemplate,
  'training-digest': trainingDigestTemplate,
  'target-progress': targetProgressTemplate,
  'commission-dispute': commissionDisputeTemplate,
  'training-feedback': trainingFeedbackTemplate,
  'promotion-nomination': promotionNominationTemplate,
  'appraisal-peer-request': appraisalPeerRequestTemplate,
  'appraisal-deadline': appraisalDeadlineTemplate,
  'appraisal-result': appraisalResultTemplate,
  'attrition-alert': attritionAlertTemplate,
  'risk-task-deadline': riskTaskDeadlineTemplate,
  'risk-digest': riskDigestTemplate,
  'sign-in-link': signInLinkTemplate,
};
