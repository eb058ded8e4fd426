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
  notifier: {
    listNotifications: 'notifier.notifications.list',
    listDeadLetters: 'notifier.dead-letters.list',
    retryDeadLetter: 'notifier.dead-letters.retry',
  },
  ping: {
    contractApproval: 'contract-approval.ping',
    notifier: 'notifier.ping',
  },
} as const;

export const SERVICE_QUEUE_GROUPS = {
  contractApproval: 'contract-approval',
  notifier: 'notifier',
} as const;
