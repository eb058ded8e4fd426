export { normalizeLocale, DEFAULT_LOCALE, type Locale } from './locale.js';
export {
  EMAIL_KINDS,
  type ApprovalEscalationData,
  type ApprovalLadderTopData,
  type ApprovalOutcome,
  type ApprovalOutcomeData,
  type ApprovalReminderData,
  type ApprovalRequestData,
  type ContractView,
  type CustomerHistoryEntryView,
  type DelegationNoticeData,
  type DiscountThresholdView,
  type EmailData,
  type EmailDataByKind,
  type EmailKind,
  type PersonView,
  type RecipientView,
  type RevisitDigestData,
  type RevisitVisitView,
  type VisitOverdueEscalationData,
  type ComplaintAssignedData,
  type ComplaintEscalationData,
  type ComplaintMailView,
  type ComplaintPhase,
  type ComplaintReminderData,
  type SurveyLowScoreData,
  type SurveyRequestData,
  type StagePositionView,
  type StageRefView,
} from './email-kinds.js';
export { renderEmail, type RenderedEmail } from './render-email.js';
export { formatMoney } from './format-money.js';
export { formatInstant } from './format-instant.js';
