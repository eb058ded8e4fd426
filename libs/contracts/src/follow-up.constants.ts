export const VISIT_OUTCOMES = ['positive', 'neutral', 'at_risk', 'lost'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const DUE_FILTERS = ['today', 'overdue', 'all'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export const COMPLAINT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

export const COMPLAINT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const RISK_TYPE_CUSTOMER_DEMAND = 'customer_demand';
/** Salesperson attrition (issue 11 item 8): computed by appraisal, recorded here as an alert about the person. */
export const RISK_TYPE_ATTRITION = 'attrition';
/** Market competition risk of a segment (region, product line, customer type): issue 13 items 3 and 4. */
export const RISK_TYPE_COMPETITION = 'competition';
export const RISK_ALERT_TYPES = [RISK_TYPE_CUSTOMER_DEMAND, RISK_TYPE_ATTRITION, RISK_TYPE_COMPETITION] as const;
export const RISK_ALERT_STATUSES = ['open', 'acknowledged', 'snoozed'] as const;

/** A snooze longer than a year is a dismissal in disguise. */
export const MAX_SNOOZE_DAYS = 365;
export const MAX_SNOOZE_REASON = 1000;
