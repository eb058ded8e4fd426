export interface PersonView {
  name: string;
  email: string;
}

export interface RecipientView {
  name: string;
  /** IANA zone, e.g. "Asia/Shanghai"; every instant in the email is shown in it. */
  timezone: string;
}

export interface ContractView {
  id: string;
  title: string;
  customerName: string;
  /** Decimal string, never a float, so large amounts keep every digit. */
  amount: string;
  currency: string;
  amountBase: string;
  baseCurrency: string;
  discountPct: number;
  paymentTermDays: number;
  productLine: string | null;
  region: string | null;
  submitter: PersonView;
}

export interface StageRefView {
  name: string;
}

export interface StagePositionView extends StageRefView {
  /** 1-based. */
  position: number;
  total: number;
}

export interface DiscountThresholdView {
  stage: string;
  when: string;
}

/** Where the contract's discount falls in the price policy's bands for this customer's tier and product line. */
export interface DiscountBandView {
  /** The band set's tier and product line as the policy names them ("*": any). */
  tier: string;
  productLine: string;
  /** 1-based; bandsPct.length + 1 above the last band. */
  band: number;
  bandsPct: number[];
  ceilingPct: number;
  /** The band's lower and upper limit in percent (upper: the ceiling above the last band). */
  fromPct: number;
  toPct: number;
}

export interface CustomerHistoryEntryView {
  id: string;
  title: string;
  amount: string;
  currency: string;
  status: string;
  createdAt: string;
}

export type ApprovalOutcome = 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED' | 'WITHDRAWN';

export interface ApprovalRequestData {
  recipient: RecipientView;
  contract: ContractView;
  stage: StagePositionView;
  round: number;
  /** ISO instant, or null when the stage has no deadline. */
  dueAt: string | null;
  discountThresholds: DiscountThresholdView[];
  /** Null when the price policy has no bands for this tier and product line (or the contract predates price policies). */
  discountBand: DiscountBandView | null;
  customerHistory: CustomerHistoryEntryView[];
  /** Percent, or null when the submitter had no contracts in the last 90 days. */
  submitterAvgDiscount90d: number | null;
  actionUrl: string;
  /** Set when the recipient is a delegate acting for this absent approver. */
  onBehalfOf: PersonView | null;
}

export interface ApprovalReminderData {
  recipient: RecipientView;
  contract: ContractView;
  stage: StageRefView;
  dueAt: string;
  actionUrl: string;
}

export interface ApprovalEscalationData {
  recipient: RecipientView;
  contract: ContractView;
  stage: StageRefView;
  /** The approver who did not act in time. */
  approver: PersonView;
  level: number;
  actionUrl: string;
}

/** Sent to ADMIN: the escalation ladder reached the top of the reporting line. */
export interface ApprovalLadderTopData {
  recipient: RecipientView;
  contract: ContractView;
  stage: StageRefView;
  approver: PersonView;
  level: number;
}

export interface ApprovalOutcomeData {
  recipient: RecipientView;
  contract: ContractView;
  outcome: ApprovalOutcome;
  comment: string | null;
  decidedBy: PersonView | null;
  autoApprovalReason: string | null;
}

export interface DelegationNoticeData {
  recipient: RecipientView;
  contract: ContractView;
  stage: StageRefView;
  absentApprover: PersonView;
  actionUrl: string;
}

/** One planned customer visit as the revisit emails show it. */
export interface RevisitVisitView {
  visitId: string;
  /** regular | post_signing | at_risk | other */
  kind: string;
  customer: { id: string; code: string; name: string; tier: string };
  dueAt: string;
  /** Working days past the due date (0 when due today). */
  overdueDays: number;
}

/** The morning digest: the owner's revisits due today and overdue, composed by customer-follow-up. */
export interface RevisitDigestData {
  recipient: RecipientView;
  owner: PersonView;
  /** The recipient is the delegate of the absent owner. */
  asDelegate: boolean;
  /** The owner's local date the digest is for, "YYYY-MM-DD". */
  localDate: string;
  today: RevisitVisitView[];
  overdue: RevisitVisitView[];
}

/** To the owner's manager, once per visit, when a visit is overdue by the policy's working days. */
export interface VisitOverdueEscalationData {
  recipient: RecipientView;
  owner: PersonView;
  visit: RevisitVisitView;
}

/** A customer complaint as the complaint emails show it. */
export interface ComplaintMailView {
  id: string;
  /** low | medium | high | critical */
  severity: string;
  channel: string;
  description: string;
  customer: { id: string; code: string; name: string };
  createdAt: string;
  ackDueAt: string;
  resolveDueAt: string;
}

/** acknowledge | resolve: the two deadlines of a complaint. */
export type ComplaintPhase = 'acknowledge' | 'resolve';

/** To the customer-service employee a new complaint was assigned to. */
export interface ComplaintAssignedData {
  recipient: RecipientView;
  complaint: ComplaintMailView;
  reportedBy: PersonView;
}

/** To the assignee, before a complaint deadline. */
export interface ComplaintReminderData {
  recipient: RecipientView;
  complaint: ComplaintMailView;
  phase: ComplaintPhase;
  dueAt: string;
}

/** A complaint deadline was missed: to the assignee's manager, and for a critical one the sales director. */
export interface ComplaintEscalationData {
  recipient: RecipientView;
  complaint: ComplaintMailView;
  phase: ComplaintPhase;
  dueAt: string;
  assignee: PersonView;
  /** Why this recipient is told: manager | director | admin (nobody above could be told). */
  role: 'manager' | 'director' | 'admin';
}

/** To a customer's contact (an outside address): the satisfaction survey link. */
export interface SurveyRequestData {
  recipient: RecipientView;
  customer: { name: string };
  /** complaint: after a resolved complaint; contract: on the contract schedule; risk: a risk alert's countermeasure. */
  reason: 'complaint' | 'contract' | 'risk';
  expiresAt: string;
  surveyUrl: string;
}

/** To the customer's owner and the owner's manager: a survey came back with a low score. */
export interface SurveyLowScoreData {
  recipient: RecipientView;
  customer: { id: string; code: string; name: string };
  contact: PersonView;
  owner: PersonView;
  score: number;
  comment: string | null;
  answeredAt: string;
  /** The at-risk visit planned for the owner, or null when none could be planned. */
  atRiskVisitDueAt: string | null;
}

/** A customer-demand-change risk (issue 3 item 7): to the owner's manager, or the owner when they have none. */
export interface RiskAlertData {
  recipient: RecipientView;
  alertId: string;
  customer: { id: string; code: string; name: string; tier: string };
  owner: PersonView;
  rule: 'satisfaction_trend' | 'complaint_spike' | 'no_recent_contract' | 'no_recent_visit';
  severity: number;
  /** new: first alert (or back after it had cleared); worse: than at the last email; reminder: still holds after the cooldown. */
  occasion: 'new' | 'worse' | 'reminder';
  cooldownDays: number;
  /** Exactly one of the four is set: the evidence of `rule`. */
  satisfaction: { windowDays: number; recentAverage: number; recentCount: number; previousAverage: number; previousCount: number; drop: number; threshold: number } | null;
  complaints: { windowDays: number; recentCount: number; previousCount: number; factor: number; minimum: number } | null;
  contract: { lastApprovedAt: string | null; days: number; thresholdDays: number } | null;
  visit: { lastCompletedAt: string | null; workingDays: number; cadenceDays: number; factor: number; thresholdWorkingDays: number } | null;
}

/**
 * A market competition alert to the directors responsible for the segment (issue 13 item 3):
 * what the rule measured in the window and the trailing window, and the records behind it.
 */
export interface CompetitionAlertData {
  recipient: RecipientView;
  alertId: string;
  rule: 'competitor_losses' | 'discount_drift' | 'director_share' | 'tier_drops';
  /** null: not recorded on the contracts (or, for tier drops, a customer has no product line). */
  segment: { region: string | null; productLine: string | null; customerType: string | null };
  severity: number;
  occasion: 'new' | 'worse' | 'reminder';
  cooldownDays: number;
  windowDays: number;
  trailingDays: number;
  /** Counts (losses, tier drops), average discounts in percent (discount drift), or shares in percent (director share). */
  recent: number;
  trailing: number;
  /** The rule's threshold in the same unit: the count expected from the trailing pace times the factor, the rise in points. */
  threshold: number;
  contractIds: string[];
  competitors: { name: string; count: number }[];
  series: { from: string; average: number; count: number }[];
  customers: { id: string; from: string; to: string }[];
}

/** A salesperson attrition alert to the person's manager (issue 11 item 8): the signals that held and the countermeasures as tasks. */
export interface AttritionAlertData {
  recipient: RecipientView;
  alertId: string;
  employee: PersonView;
  /** The number of signals that held. */
  severity: number;
  occasion: 'new' | 'worse' | 'reminder';
  cooldownDays: number;
  /** One per signal; null when that signal did not hold. */
  scoreDrop: { previous: number; previousPeriod: string; latest: number; latestPeriod: string; drop: number; minDrop: number } | null;
  missedTargets: { periods: number; periodKind: string; belowPct: number; attainments: string } | null;
  commissionDrop: { latest: number; latestPeriod: string; trailingAverage: number; trailing: number; ratioPct: number; belowPct: number } | null;
  trainingOverdue: { count: number; minimum: number } | null;
  contractsSentBack: { count: number; contracts: number; windowDays: number; minimum: number } | null;
  /** The countermeasures, each a task of the recipient with a due date in their working time. */
  tasks: { kind: 'conversation' | 'pay_promotion_review' | 'development_plan'; dueAt: string }[];
}

/** Every countermeasure a risk task may be (issue 13): customer demand, competition, attrition. */
export type RiskTaskKind =
  | 'offer_review' | 'satisfaction_survey' | 'visit'
  | 'market_development_plan' | 'competitor_review' | 'segment_revisits'
  | 'conversation' | 'pay_promotion_review' | 'development_plan';

/** A risk countermeasure's reminder to its owner, or its escalation to the owner's manager (issue 13 item 4). */
export interface RiskTaskDeadlineData {
  recipient: RecipientView;
  action: 'remind' | 'escalate';
  taskId: string;
  kind: RiskTaskKind;
  riskType: string;
  /** What the alert is about: a customer, a person, a segment. */
  about: string;
  owner: PersonView;
  dueAt: string;
}

/** One alert of a manager's risk digest, with its single-use links. */
export interface RiskDigestAlertView {
  alertId: string;
  type: 'customer_demand' | 'attrition' | 'competition';
  rule: string;
  severity: number;
  /** What it is about: a customer, a person, a segment. */
  about: string;
  /** Since when it is open (ISO instant). */
  since: string;
  openTasks: number;
  acknowledgeUrl: string;
  snoozeUrl: string;
}

/** The manager's daily risk digest (issue 13 item 6): the open alerts of their reporting line, worst first. */
export interface RiskDigestData {
  recipient: RecipientView;
  localDate: string;
  /** Every open alert of the line; `alerts` are the first ten in full. */
  total: number;
  alerts: RiskDigestAlertView[];
  /** total - alerts.length: counted, not listed. */
  more: number;
  snoozeDays: number;
}

/** A training session as its emails snapshot it (issue 10). */
export interface TrainingSessionMailView {
  id: string;
  /** iCalendar UID: the same in every email about this session, so calendars update one entry. */
  uid: string;
  /** iCalendar SEQUENCE: raised on every change the calendars must see. */
  sequence: number;
  courseCode: string;
  /** In the recipient's locale. */
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  /** The session's own zone (where it is held); the text shows the recipient's. */
  timezone: string;
  place: string | null;
  onlineUrl: string | null;
  trainer: PersonView;
  /** Who scheduled it: the iCalendar ORGANIZER. */
  organizer: PersonView;
  /** When this version of the session was written: the iCalendar DTSTAMP (rendering stays pure). */
  changedAt: string;
}

/** An invitation, or its update after a reschedule, with a METHOD:REQUEST calendar attachment. */
export interface TrainingInvitationData {
  recipient: RecipientView;
  /** The recipient as the calendar's ATTENDEE. */
  attendee: PersonView;
  session: TrainingSessionMailView;
  role: 'attendee' | 'trainer';
  /** new: first invitation; update: the session changed; promoted: a seat came free for someone waitlisted. */
  occasion: 'new' | 'update' | 'promoted';
}

/** The session was cancelled, or the recipient withdrawn: a METHOD:CANCEL calendar attachment. */
export interface TrainingCancellationData {
  recipient: RecipientView;
  attendee: PersonView;
  session: TrainingSessionMailView;
  role: 'attendee' | 'trainer';
  reason: 'cancelled' | 'withdrawn';
}

/** A reminder before a training session, to one confirmed attendee (`before`: the policy's offset, ISO-8601). */
export interface TrainingReminderData {
  recipient: RecipientView;
  session: TrainingSessionMailView;
  before: string;
}

/** The manager hears that someone failed a training: the last attempt failed, or absent without excuse from a mandatory course. */
export interface TrainingFailedData {
  recipient: RecipientView;
  person: PersonView;
  session: TrainingSessionMailView;
  reason: 'failed' | 'absent';
  score: number | null;
  passMark: number | null;
  attempt: number;
  attemptsAllowed: number | null;
}

/**
 * An open mandatory training requirement: the person is reminded before its due date
 * (`reminder`), their manager told once it has passed (`manager`), the nearest sales director
 * above after a further period (`director`).
 */
export interface TrainingOverdueData {
  recipient: RecipientView;
  step: 'reminder' | 'manager' | 'director';
  /** Whose requirement it is. */
  person: PersonView;
  courseCode: string;
  /** In the recipient's locale. */
  courseTitle: string;
  /** The local date (the person's zone) it is due by, YYYY-MM-DD. */
  dueOn: string;
}

/** One person who reports to the manager: their requirements of the plan year (withdrawn ones not counted). */
export interface TrainingDigestPersonView {
  name: string;
  email: string;
  total: number;
  completed: number;
  /** Not completed yet, overdue ones included (as GET /training-plans/:year/progress counts). */
  open: number;
  /** Open and past their due date in the person's zone. */
  overdue: number;
}

export interface TrainingDigestOverdueView {
  person: PersonView;
  courseCode: string;
  /** In the recipient's locale. */
  courseTitle: string;
  /** The person's local due date, YYYY-MM-DD. */
  dueOn: string;
  /** Calendar days past the due date, in the person's zone (at least 1). */
  daysOverdue: number;
}

/** A session in the coming days of a course some of the manager's people still need, with seats left. */
export interface TrainingDigestSessionView {
  sessionId: string;
  courseCode: string;
  /** In the recipient's locale. */
  courseTitle: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  onlineUrl: string | null;
  freeSeats: number;
  /** Names of the manager's people with an open requirement of the course and no seat yet. */
  neededBy: string[];
}

/**
 * The weekly digest to each manager with a team (training policy: Monday 09:00 in the manager's
 * zone by default): completion by person, what is overdue, sessions coming up with free seats.
 */
export interface TrainingDigestData {
  recipient: RecipientView;
  /** The manager's local date the digest is for, YYYY-MM-DD. */
  localDate: string;
  /** The plan year it counts. */
  year: number;
  /** How many days ahead `sessions` looks. */
  horizonDays: number;
  /** Every direct report, requirements or not; sorted by name. */
  people: TrainingDigestPersonView[];
  /** Whether any of them has a requirement of the year; false: the short form, one sentence. */
  hasRequirements: boolean;
  overdue: TrainingDigestOverdueView[];
  sessions: TrainingDigestSessionView[];
}

/** One person's target in a period, for the Monday progress email (amounts as decimal text, BASE_CURRENCY). */
export interface TargetProgressPersonView {
  name: string;
  email: string;
  target: string;
  actual: string;
  /** target x the elapsed share of the period in the person's zone. */
  expected: string;
  /** null for a zero target. */
  attainmentPct: number | null;
  behindPace: boolean;
}

export interface TargetProgressSectionView {
  /** 2026-Q4 or 2026-12. */
  period: string;
  /** How far into the period, in the manager's zone, in %. */
  elapsedPct: number;
  people: TargetProgressPersonView[];
  /** Names of those behind pace. */
  behind: string[];
  total: { people: number; target: string; actual: string; expected: string; attainmentPct: number | null; behindPace: boolean };
}

/** The Monday progress email to a manager: their reporting line's targets of the current quarter and month. */
export interface TargetProgressData {
  recipient: RecipientView;
  /** The manager's local date (a Monday), YYYY-MM-DD. */
  localDate: string;
  currency: string;
  sections: TargetProgressSectionView[];
  /** People behind pace in any section. */
  behindCount: number;
}

/**
 * A commission dispute (appraisal): opened, to the person's manager; not resolved within the
 * SLA, to FINANCE, then to ADMIN; resolved, to the person.
 */
export interface CommissionDisputeData {
  recipient: RecipientView;
  role: 'manager' | 'finance' | 'admin' | 'employee';
  disputeId: string;
  statementId: string;
  period: string;
  /** Whose statement it is. */
  person: PersonView;
  reason: string;
  /** The statement's total, decimal string, in `currency`. */
  total: string;
  currency: string;
  /** manager, finance: when it moves on if unresolved. */
  dueAt: string | null;
  /** employee: upheld or rejected, with the comment. */
  outcome: string | null;
  comment: string | null;
}

/** One weak KPI of a signed-off appraisal and the training it led to. */
export interface TrainingFeedbackItemView {
  /** The KPI kind (salesAttainment, ...). */
  kpi: string;
  score: number;
  threshold: number;
  /** The course category the template names for it. */
  category: string;
  outcome: 'CONFIRMED' | 'WAITLISTED' | 'ALREADY_ENROLLED' | 'NO_SESSION' | 'NO_COURSE';
  courseCode: string | null;
  /** In the recipient's locale. */
  courseTitle: string | null;
  /** CONFIRMED, WAITLISTED, ALREADY_ENROLLED: the session's start. */
  sessionStartsAt: string | null;
}

/** To the manager (training-scheduling): a signed-off appraisal's weak KPIs and the courses the person was enrolled in. */
export interface TrainingFeedbackData {
  recipient: RecipientView;
  person: PersonView;
  period: string;
  appraisalId: string;
  items: TrainingFeedbackItemView[];
}

/** One signed-off appraisal of a promotion streak. */
export interface PromotionEvidenceView {
  period: string;
  score: number;
  band: string;
}

/**
 * A promotion nomination (appraisal): nominated, to HR and the manager (who decides); confirmed or
 * declined, to HR with the manager's reason.
 */
export interface PromotionNominationData {
  recipient: RecipientView;
  role: 'hr' | 'manager';
  status: 'PENDING' | 'CONFIRMED' | 'DECLINED';
  nominationId: string;
  person: PersonView;
  band: string;
  streak: number;
  /** Oldest first. */
  evidence: PromotionEvidenceView[];
  decidedBy: PersonView | null;
  reason: string | null;
}

/** A peer asked to rate a colleague's teamwork (appraisal): a single-use link, anonymous to the colleague. */
export interface AppraisalPeerRequestData {
  recipient: RecipientView;
  person: PersonView;
  period: string;
  dueAt: string;
  peerReviewUrl: string;
}

export type AppraisalReviewStep = 'self' | 'peer' | 'manager' | 'calibration';

/**
 * A review step's deadline (appraisal): `remind` to whoever owes the step before it passes,
 * `escalate` to the one above them once it has.
 */
export interface AppraisalDeadlineData {
  recipient: RecipientView;
  action: 'remind' | 'escalate';
  step: AppraisalReviewStep;
  /** The appraised person. */
  person: PersonView;
  /** escalate: who owes the step (for a peer step, the peer stays unnamed to no one but the manager who picked them). */
  owner: PersonView | null;
  period: string;
  dueAt: string;
  appraisalId: string;
}

/** A signed-off appraisal, to its person: the KPIs with their evidence, the band, the comments. */
export interface AppraisalResultData {
  recipient: RecipientView;
  period: string;
  appraisalId: string;
  score: number | null;
  band: string;
  /** Set when calibration moved the band off the computed one. */
  calibration: { from: string | null; reason: string } | null;
  kpis: {
    kind: string;
    status: 'SCORED' | 'NO_DATA' | 'PENDING';
    value: number | null;
    score: number | null;
    /** The renormalised share of the overall score, in percent. */
    weightPct: number | null;
    /** How many records stand behind the number, and the first of their ids. */
    evidenceCount: number;
    evidence: { sourceKind: string; sourceId: string }[];
  }[];
  selfComment: string | null;
  managerComment: string | null;
  /** Peers' comments, without their names. */
  peerComments: string[];
}

/** A single-use sign-in link (valid 15 minutes), asked for at POST /auth/sign-in. */
export interface SignInLinkData {
  recipient: RecipientView;
  /** ISO instant the link stops working. */
  expiresAt: string;
  signInUrl: string;
}

export interface EmailDataByKind {
  'revisit-digest': RevisitDigestData;
  'visit-overdue-escalation': VisitOverdueEscalationData;
  'approval-request': ApprovalRequestData;
  'approval-reminder': ApprovalReminderData;
  'approval-escalation': ApprovalEscalationData;
  'approval-ladder-top': ApprovalLadderTopData;
  'approval-outcome': ApprovalOutcomeData;
  'delegation-notice': DelegationNoticeData;
  'complaint-assigned': ComplaintAssignedData;
  'complaint-reminder': ComplaintReminderData;
  'complaint-escalation': ComplaintEscalationData;
  'survey-request': SurveyRequestData;
  'survey-low-score': SurveyLowScoreData;
  'risk-alert': RiskAlertData;
  'training-invitation': TrainingInvitationData;
  'training-cancellation': TrainingCancellationData;
  'training-reminder': TrainingReminderData;
  'training-failed': TrainingFailedData;
  'training-overdue': TrainingOverdueData;
  'training-digest': TrainingDigestData;
  'target-progress': TargetProgressData;
  'commission-dispute': CommissionDisputeData;
  'training-feedback': TrainingFeedbackData;
  'promotion-nomination': PromotionNominationData;
  'appraisal-peer-request': AppraisalPeerRequestData;
  'appraisal-deadline': AppraisalDeadlineData;
  'appraisal-result': AppraisalResultData;
  'attrition-alert': AttritionAlertData;
  'risk-task-deadline': RiskTaskDeadlineData;
  'risk-digest': RiskDigestData;
  'sign-in-link': SignInLinkData;
  'competition-alert': CompetitionAlertData;
}

export type EmailKind = keyof EmailDataByKind;

export const EMAIL_KINDS: readonly EmailKind[] = [
  'revisit-digest',
  'visit-overdue-escalation',
  'approval-request',
  'approval-reminder',
  'approval-escalation',
  'approval-ladder-top',
  'approval-outcome',
  'delegation-notice',
  'complaint-assigned',
  'complaint-reminder',
  'complaint-escalation',
  'survey-request',
  'survey-low-score',
  'risk-alert',
  'training-invitation',
  'training-cancellation',
  'training-reminder',
  'training-failed',
  'training-overdue',
  'training-digest',
  'target-progress',
  'commission-dispute',
  'training-feedback',
  'promotion-nomination',
  'appraisal-peer-request',
  'appraisal-deadline',
  'appraisal-result',
  'attrition-alert',
  'risk-task-deadline',
  'risk-digest',
  'sign-in-link',
  'competition-alert',
];

export type EmailData<K extends EmailKind> = EmailDataByKind[K];

/** A risk digest's links, as the notifier signs them: each listed alert's acknowledge and snooze link for this reader, until `expiresAt`. */
export interface RiskDigestLinkGrant {
  employeeId: string;
  expiresAt: string;
}

/**
 * What a producer snapshots into the ledger for an email of kind K: its data, with the link held
 * as a token id that the notifier turns into the URL at send time (no raw token is ever stored).
 */
type LinkAsTokenId<T> = T extends { actionUrl: string }
  ? Omit<T, 'actionUrl'> & { actionTokenId: string }
  : T extends { surveyUrl: string }
    ? Omit<T, 'surveyUrl'> & { surveyTokenId: string }
    : T extends { peerReviewUrl: string }
      ? Omit<T, 'peerReviewUrl'> & { peerReviewTokenId: string }
      : T extends { alerts: RiskDigestAlertView[] }
        ? Omit<T, 'alerts'> & { alerts: Omit<RiskDigestAlertView, 'acknowledgeUrl' | 'snoozeUrl'>[]; links: RiskDigestLinkGrant }
        : T extends { signInUrl: string }
          ? Omit<T, 'signInUrl'> & { signInTokenId: string }
          : T;

export type EmailSnapshotByKind = { [K in EmailKind]: LinkAsTokenId<EmailDataByKind[K]> };
