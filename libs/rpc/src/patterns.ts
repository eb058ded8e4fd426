/** Message patterns between the gateway and the services (unprefixed; see prefixed-nats.ts). */
export const PATTERNS = {
  contracts: {
    submit: 'contract-approval.contracts.submit',
    get: 'contract-approval.contracts.get',
    list: 'contract-approval.contracts.list',
    decide: 'contract-approval.contracts.decide',
    withdraw: 'contract-approval.contracts.withdraw',
    resubmit: 'contract-approval.contracts.resubmit',
    audit: 'contract-approval.contracts.audit',
    inbox: 'contract-approval.approvals.inbox',
    actionView: 'contract-approval.actions.view',
    actionDecide: 'contract-approval.actions.decide',
  },
  policy: {
    put: 'contract-approval.policy.put',
    get: 'contract-approval.policy.get',
  },
  fx: {
    put: 'contract-approval.fx-rates.put',
  },
  followUp: {
    policyGet: 'customer-follow-up.policy.get',
    policyPut: 'customer-follow-up.policy.put',
    customerCreate: 'customer-follow-up.customers.create',
    customerGet: 'customer-follow-up.customers.get',
    customerList: 'customer-follow-up.customers.list',
    customerUpdate: 'customer-follow-up.customers.update',
    importStart: 'customer-follow-up.imports.start',
    importRows: 'customer-follow-up.imports.rows',
    importFinish: 'customer-follow-up.imports.finish',
    importGet: 'customer-follow-up.imports.get',
    revisitList: 'customer-follow-up.revisits.list',
    revisitComplete: 'customer-follow-up.revisits.complete',
    complaintCreate: 'customer-follow-up.complaints.create',
    complaintList: 'customer-follow-up.complaints.list',
    complaintAcknowledge: 'customer-follow-up.complaints.acknowledge',
    complaintResolve: 'customer-follow-up.complaints.resolve',
    surveyView: 'customer-follow-up.surveys.view',
    surveyAnswer: 'customer-follow-up.surveys.answer',
    riskAlertList: 'customer-follow-up.risk-alerts.list',
    riskAlertAcknowledge: 'customer-follow-up.risk-alerts.acknowledge',
    riskAlertSnooze: 'customer-follow-up.risk-alerts.snooze',
  },
  notifier: {
    listNotifications: 'notifier.notifications.list',
    listDeadLetters: 'notifier.dead-letters.list',
    retryDeadLetter: 'notifier.dead-letters.retry',
  },
  ping: {
    contractApproval: 'contract-approval.ping',
    notifier: 'notifier.ping',
    customerFollowUp: 'customer-follow-up.ping',
  },
} as const;

export const SERVICE_QUEUE_GROUPS = {
  contractApproval: 'contract-approval',
  notifier: 'notifier',
  customerFollowUp: 'customer-follow-up',
} as const;
