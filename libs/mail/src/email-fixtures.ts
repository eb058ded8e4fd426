import type { ComplaintMailView, ContractView, EmailDataByKind, EmailKind, RecipientView, TrainingSessionMailView } from './email-kinds.js';

/** Sample data for tests and previews of every email kind. */
export const sampleRecipient: RecipientView = { name: 'Wang Fang', timezone: 'Asia/Shanghai' };

export const sampleContract: ContractView = {
  id: 'c_01JD8Z6Q',
  title: 'Annual licence renewal',
  customerName: 'Shanghai Huaxin Trading',
  amount: '1234567.5',
  currency: 'USD',
  amountBase: '8765432.1',
  baseCurrency: 'CNY',
  discountPct: 12.5,
  paymentTermDays: 60,
  productLine: 'Cloud',
  region: 'East China',
  submitter: { name: 'Li Lei', email: 'li.lei@example.com' },
};

const actionUrl = 'https://salesflow.example.com/actions/tok_abc123';

export const sampleComplaint: ComplaintMailView = {
  id: 'cp_01JD9A2B',
  severity: 'critical',
  channel: 'phone',
  description: 'The last shipment arrived damaged.',
  customer: { id: 'cu_02', code: 'C-1002', name: 'Suzhou Precision Parts' },
  createdAt: '2026-12-01T02:00:00Z',
  ackDueAt: '2026-12-01T04:00:00Z',
  resolveDueAt: '2026-12-03T02:00:00Z',
};

export const sampleTrainingSession: TrainingSessionMailView = {
  id: 'ts_01JDA0',
  uid: 'training-session-ts_01JDA0@salesflow',
  sequence: 0,
  courseCode: 'PK-101',
  courseTitle: 'Product basics',
  startsAt: '2026-12-08T01:00:00Z',
  endsAt: '2026-12-08T03:00:00Z',
  timezone: 'Asia/Shanghai',
  place: 'Room 3A',
  onlineUrl: null,
  trainer: { name: 'Zhou Xin', email: 'zhou.xin@example.com' },
  organizer: { name: 'Hana HR', email: 'hr@example.com' },
  changedAt: '2026-12-01T02:00:00Z',
};

export function sampleData<K extends EmailKind>(kind: K): EmailDataByKind[K] {
  const all: { [P in EmailKind]: EmailDataByKind[P] } = {
    'revisit-digest': {
      recipient: sampleRecipient,
      owner: { name: 'Wang Fang', email: 'wang.fang@example.com' },
      asDelegate: false,
      localDate: '2026-12-01',
      today: [{ visitId: 'v_today01', kind: 'post_signing', customer: { id: 'cu_01', code: 'C-1001', name: 'Shanghai Huaxin Trading', tier: 'A' }, dueAt: '2026-12-01T06:00:00Z', overdueDays: 0 }],
      overdue: [{ visitId: 'v_late01', kind: 'regular', customer: { id: 'cu_02', code: 'C-1002', name: 'Suzhou Precision Parts', tier: 'B' }, dueAt: '2026-11-26T01:00:00Z', overdueDays: 3 }],
    },
    'visit-overdue-escalation': {
      recipient: sampleRecipient,
      owner: { name: 'Li Lei', email: 'li.lei@example.com' },
      visit: { visitId: 'v_late01', kind: 'regular', customer: { id: 'cu_02', code: 'C-1002', name: 'Suzhou Precision Parts', tier: 'B' }, dueAt: '2026-11-26T01:00:00Z', overdueDays: 3 },
    },
    'approval-request': {
      recipient: sampleRecipient,
      contract: sampleContract,
      stage: { name: 'manager', position: 1, total: 2 },
      round: 1,
      dueAt: '2026-12-01T09:00:00Z',
      discountThresholds: [
        { stage: 'manager', when: 'discountPct > 5 or amount >= 100000' },
        { stage: 'director', when: 'discountPct > 15 or amount >= 1000000' },
      ],
      customerHistory: [
        {
          id: 'c_00PREV01',
          title: 'First pilot',
          amount: '250000',
          currency: 'CNY',
          status: 'APPROVED',
          createdAt: '2026-03-02T02:30:00Z',
        },
      ],
      submitterAvgDiscount90d: 8.25,
      actionUrl,
      onBehalfOf: null,
    },
    'approval-reminder': {
      recipient: sampleRecipient,
      contract: sampleContract,
      stage: { name: 'manager' },
      dueAt: '2026-12-01T09:00:00Z',
      actionUrl,
    },
    'approval-escalation': {
      recipient: sampleRecipient,
      contract: sampleContract,
      stage: { name: 'director' },
      approver: { name: 'Zhao Min', email: 'zhao.min@example.com' },
      level: 1,
      actionUrl,
    },
    'approval-ladder-top': {
      recipient: sampleRecipient,
      contract: sampleContract,
      stage: { name: 'director' },
      approver: { name: 'Zhao Min', email: 'zhao.min@example.com' },
      level: 3,
    },
    'approval-outcome': {
      recipient: sampleRecipient,
      contract: sampleContract,
      outcome: 'REJECTED',
      comment: 'Discount too high for this customer tier.',
      decidedBy: { name: 'Zhao Min', email: 'zhao.min@example.com' },
      autoApprovalReason: null,
    },
    'delegation-notice': {
      recipient: sampleRecipient,
      contract: sampleContract,
      stage: { name: 'manager' },
      absentApprover: { name: 'Chen Jing', email: 'chen.jing@example.com' },
      actionUrl,
    },
    'complaint-assigned': {
      recipient: sampleRecipient,
      complaint: sampleComplaint,
      reportedBy: { name: 'Li Lei', email: 'li.lei@example.com' },
    },
    'complaint-reminder': {
      recipient: sampleRecipient,
      complaint: sampleComplaint,
      phase: 'acknowledge',
      dueAt: sampleComplaint.ackDueAt,
    },
    'complaint-escalation': {
      recipient: sampleRecipient,
      complaint: sampleComplaint,
      phase: 'resolve',
      dueAt: sampleComplaint.resolveDueAt,
      assignee: { name: 'Zhou Xin', email: 'zhou.xin@example.com' },
      role: 'manager',
    },
    'survey-request': {
      recipient: { name: 'Chen Hao', timezone: 'Asia/Shanghai' },
      customer: { name: 'Suzhou Precision Parts' },
      reason: 'complaint',
      expiresAt: '2026-12-15T02:00:00Z',
      surveyUrl: 'https://salesflow.example.com/surveys/tok_survey1',
    },
    'survey-low-score': {
      recipient: sampleRecipient,
      customer: { id: 'cu_02', code: 'C-1002', name: 'Suzhou Precision Parts' },
      contact: { name: 'Chen Hao', email: 'chen.hao@suzhou-parts.example' },
      owner: { name: 'Li Lei', email: 'li.lei@example.com' },
      score: 2,
      comment: 'Delivery was late twice.',
      answeredAt: '2026-12-01T06:00:00Z',
      atRiskVisitDueAt: '2026-12-03T06:00:00Z',
    },
    'risk-alert': {
      recipient: sampleRecipient,
      alertId: 'ra_01JDA7C3',
      customer: { id: 'cu_01', code: 'C-1001', name: 'Shanghai Huaxin Trading', tier: 'A' },
      owner: { name: 'Li Lei', email: 'li.lei@example.com' },
      rule: 'no_recent_contract',
      severity: 1,
      occasion: 'new',
      cooldownDays: 14,
      satisfaction: null,
      complaints: null,
      contract: { lastApprovedAt: '2026-08-20T02:00:00Z', days: 103, thresholdDays: 90 },
      visit: null,
    },
    'training-invitation': {
      recipient: sampleRecipient,
      attendee: { name: 'Wang Fang', email: 'wang.fang@example.com' },
      session: sampleTrainingSession,
      role: 'attendee',
      occasion: 'new',
    },
    'training-cancellation': {
      recipient: sampleRecipient,
      attendee: { name: 'Wang Fang', email: 'wang.fang@example.com' },
      session: { ...sampleTrainingSession, sequence: 2 },
      role: 'attendee',
      reason: 'cancelled',
    },
    'training-reminder': {
      recipient: sampleRecipient,
      session: sampleTrainingSession,
      before: 'P1D',
    },
    'training-failed': {
      recipient: { name: 'Li Lei', timezone: 'Asia/Shanghai' },
      person: { name: 'Wang Fang', email: 'wang.fang@example.com' },
      session: sampleTrainingSession,
      reason: 'failed',
      score: 55,
      passMark: 80,
      attempt: 2,
      attemptsAllowed: 2,
    },
    'training-overdue': {
      recipient: sampleRecipient,
      step: 'manager',
      person: { name: 'Wang Fang', email: 'wang.fang@example.com' },
      courseCode: 'PK-101',
      courseTitle: 'Product knowledge',
      dueOn: '2027-06-30',
    },
    'training-digest': {
      recipient: sampleRecipient,
      localDate: '2027-03-15',
      year: 2027,
      horizonDays: 14,
      hasRequirements: true,
      people: [
        { name: 'Ray Rep', email: 'rep@example.com', total: 3, completed: 1, open: 2, overdue: 1 },
        { name: 'Wang Fang', email: 'wang.fang@example.com', total: 0, completed: 0, open: 0, overdue: 0 },
      ],
      overdue: [{ person: { name: 'Ray Rep', email: 'rep@example.com' }, courseCode: 'CO-101', courseTitle: 'Compliance basics', dueOn: '2027-03-10', daysOverdue: 5 }],
      sessions: [{
        sessionId: 'a1b2c3d4-0000-4000-8000-000000000001', courseCode: 'PK-101', courseTitle: 'Product basics',
        startsAt: '2027-03-18T01:00:00.000Z', endsAt: '2027-03-18T03:00:00.000Z', place: 'Room 3A', onlineUrl: null, freeSeats: 3, neededBy: ['Ray Rep'],
      }],
    },
    'target-progress': {
      recipient: sampleRecipient,
      localDate: '2026-12-14',
      currency: 'CNY',
      behindCount: 1,
      sections: [{
        period: '2026-Q4', elapsedPct: 80.43,
        people: [
          { name: 'Ray Rep', email: 'rep@example.com', target: '300000.00', actual: '120000.00', expected: '241304.35', attainmentPct: 40, behindPace: true },
          { name: 'Wang Fang', email: 'wang.fang@example.com', target: '0.00', actual: '5000.00', expected: '0.00', attainmentPct: null, behindPace: false },
        ],
        behind: ['Ray Rep'],
        total: { people: 2, target: '300000.00', actual: '125000.00', expected: '241304.35', attainmentPct: 41.67, behindPace: true },
      }],
    },
  };
  return structuredClone(all[kind]);
}
