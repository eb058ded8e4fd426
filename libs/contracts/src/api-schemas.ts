import { z } from 'zod/v4';
import { ErrorBody, FieldError, Ok, PersonView } from './schemas/common.schemas.js';
import {
  ActionView, ApprovalPolicy, AuditEntryView, AuditTrail, ContractPage, ContractSummary, ContractView, ContractWithRoute, FxRates, Inbox, InboxItem,
  RouteStage, Submission, VersionedApprovalPolicy,
} from './schemas/contract.schemas.js';
import {
  ComplaintPage, ComplaintView, ContactView, CustomerPage, CustomerView, FollowUpPolicy, ImportAccepted, ImportProgress, RiskAlertPage, RiskAlertView, RiskEffectivenessReport, RiskTaskPage, RiskTaskView,
  SurveyAnswer, SurveyView, VersionedFollowUpPolicy, VisitCompletion, VisitPage, VisitView,
} from './schemas/follow-up.schemas.js';
import { DeadLetterPage, DeadLetterRetried, DeadLettersRetried, DeadLetterView, NotificationPage, NotificationView } from './schemas/notifier.schemas.js';
import { HealthReport } from './schemas/ops.schemas.js';
import {
  AttendanceRecorded, CertificateView, CoursePage, CourseView, EnrollmentView, TrainingOutcomeView, TrainingPlanProgress, TrainingPlanView, TrainingPolicy, TrainingSessionView, VersionedTrainingPolicy,
} from './schemas/training.schemas.js';
import { TargetProgressPage, TargetProgressView, TargetTotal, TargetsWritten, TargetWritten } from './schemas/targets.schemas.js';
import { AppraisalCycleView, AppraisalList, AppraisalTemplateView, AppraisalView, PeerRating, PeerReviewPageView } from './schemas/appraisal-cycles.schemas.js';
import { CommissionDisputeView, CommissionRunView, CommissionStatementView, VersionedCommissionPlan } from './schemas/commission.schemas.js';
import { PromotionNominationPage, PromotionNominationView } from './schemas/promotion.schemas.js';
import { VersionedAttritionPolicy } from './schemas/attrition.schemas.js';
import { ContractInFlight, ContractsInFlight, ReportView } from './schemas/report.schemas.js';
import { AbsenceView, CalendarView, EmployeeList, EmployeePage, EmployeeView } from './schemas/org.schemas.js';
import { CurrentSession, SessionList, SessionsRevoked, SessionView, SignedIn, SignInAccepted } from './schemas/sign-in.schemas.js';

/**
 * The shapes the HTTP API answers with, by the name they get in the OpenAPI document. Nested
 * schemas named here become $refs, so a generated client gets one type per name.
 */
export const API_SCHEMAS = {
  ErrorBody, FieldError, Ok, PersonView,
  ActionView, ApprovalPolicy, AuditEntryView, AuditTrail, ContractPage, ContractSummary, ContractView, ContractWithRoute, FxRates, Inbox, InboxItem,
  RouteStage, Submission, VersionedApprovalPolicy,
  ContractInFlight, ContractsInFlight, ReportView,
  ComplaintPage, ComplaintView, ContactView, CustomerPage, CustomerView, FollowUpPolicy, ImportAccepted, ImportProgress, RiskAlertPage, RiskAlertView, RiskEffectivenessReport, RiskTaskPage, RiskTaskView,
  SurveyAnswer, SurveyView, VersionedFollowUpPolicy, VisitCompletion, VisitPage, VisitView,
  DeadLetterPage, DeadLetterRetried, DeadLettersRetried, DeadLetterView, NotificationPage, NotificationView,
  AbsenceView, CalendarView, EmployeeList, EmployeePage, EmployeeView,
  CoursePage, CourseView, EnrollmentView, TrainingSessionView,
  AttendanceRecorded, CertificateView, TrainingOutcomeView, TrainingPolicy, VersionedTrainingPolicy,
  TrainingPlanProgress, TrainingPlanView,
  TargetProgressPage, TargetProgressView, TargetTotal, TargetsWritten, TargetWritten,
  AppraisalCycleView, AppraisalList, AppraisalTemplateView, AppraisalView, PeerRating, PeerReviewPageView,
  HealthReport,
  CommissionDisputeView, CommissionRunView, CommissionStatementView, VersionedCommissionPlan,
  PromotionNominationPage, PromotionNominationView,
  VersionedAttritionPolicy,
  CurrentSession, SessionList, SessionsRevoked, SessionView, SignedIn, SignInAccepted,
} satisfies Record<string, z.ZodType>;

export type ApiSchemaName = keyof typeof API_SCHEMAS;

export type JsonSchema = { [key: string]: unknown };

/** `{$ref}` to a named schema of the document's components. */
export function schemaRef(name: ApiSchemaName): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** The TypeScript type of a named answer shape. */
export type Answer<N extends ApiSchemaName> = z.infer<(typeof API_SCHEMAS)[N]>;
