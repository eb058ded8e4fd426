/** English texts. The key set here is the reference every other locale must match. */
export const enMessages = {
  greeting: 'Hello {name},',
  footer: 'This message was sent automatically by Salesflow. Please do not reply to it.',
  notSpecified: 'not specified',
  personWithEmail: '{name} ({email})',
  colon: ': ',

  'summary.heading': 'Contract summary',
  'summary.title': 'Contract',
  'summary.id': 'Contract ID',
  'summary.customer': 'Customer',
  'summary.amount': 'Amount',
  'summary.amountBase': 'Amount in {currency}',
  'summary.discount': 'Discount',
  'summary.paymentTerm': 'Payment term',
  'summary.paymentTermDays': '{days} days',
  'summary.productLine': 'Product line',
  'summary.region': 'Region',
  'summary.submitter': 'Submitted by',
  'request.threshold': '{stage}: {when}',

  'action.button': 'Review and decide',
  'action.explain':
    'The link opens a page where you choose to approve, reject or request changes (rejecting or requesting changes needs a comment). The link is personal and single-use: it works once, and only until it expires.',
  'action.fallback': 'If the button does not work, open this address in your browser:',

  'status.PENDING_APPROVAL': 'Pending approval',
  'status.APPROVED': 'Approved',
  'status.REJECTED': 'Rejected',
  'status.CHANGES_REQUESTED': 'Changes requested',
  'status.WITHDRAWN': 'Withdrawn',

  'request.subject': 'Approval request: {title} ({id})',
  'request.subjectRound': 'Approval request (round {round}): {title} ({id})',
  'request.intro':
    '{submitter} submitted the contract below. It needs your decision at the "{stage}" stage (stage {position} of {total}).',
  'request.round': 'This is round {round}: the contract was resubmitted after changes were requested.',
  'request.onBehalfOf': 'You receive this request as the delegate of {name} ({email}), who is absent.',
  'request.due': 'Please decide by {due}.',
  'request.noDue': 'This step has no deadline.',
  'request.discountHeading': 'Discount against the policy thresholds',
  'request.discountLine': 'Discount on this contract: {discount}',
  'request.thresholdsIntro':
    'The approval policy requires these stages when their condition holds (in the conditions, amount means the amount in {baseCurrency}):',
  'request.noThresholds': 'The policy sets no discount thresholds.',
  'request.historyHeading': 'Earlier contracts with {customer}',
  'request.historyNone': 'None: there are no earlier contracts with this customer.',
  'request.historyTitle': 'Contract',
  'request.historyAmount': 'Amount',
  'request.historyStatus': 'Status',
  'request.historyCreated': 'Created',
  'request.avgHeading': "Submitter's recent discounts",
  'request.avgDiscount': "{submitter}'s average discount over the last 90 days: {avg}",
  'request.avgNone': '{submitter} has no contracts in the last 90 days.',

  'reminder.subject': 'Approval reminder: {title} ({id})',
  'reminder.intro':
    'Reminder: the contract below is waiting for your decision at the "{stage}" stage. Please decide by {due}.',
  'reminder.noTimeout':
    'Nothing is approved automatically when the deadline passes: the step is escalated to your manager.',

  'escalation.subject': 'Approval escalation: {title} ({id})',
  'escalation.intro':
    '{approver} ({email}) did not decide on the contract below at the "{stage}" stage within the time allowed. It has been escalated to you (escalation level {level}).',
  'escalation.right':
    'You may now decide in their place, and you keep that right even if they act later.',

  'ladderTop.subject': 'Escalation reached the top of the reporting line: {title} ({id})',
  'ladderTop.intro':
    'The approval of the contract below at the "{stage}" stage is overdue. {approver} ({email}) has not decided, and the escalation reached level {level}, the top of the reporting line: there is nobody left to escalate to.',
  'ladderTop.action':
    'Nothing is approved automatically. Please follow up with the people concerned, for example by contacting the approver or reviewing absences and delegates.',
  'ladderTop.once': 'You are told about this step only once.',

  'outcome.subject.APPROVED': 'Contract approved: {title} ({id})',
  'outcome.subject.REJECTED': 'Contract rejected: {title} ({id})',
  'outcome.subject.CHANGES_REQUESTED': 'Changes requested: {title} ({id})',
  'outcome.subject.WITHDRAWN': 'Contract withdrawn: {title} ({id})',
  'outcome.headline.APPROVED': 'The contract "{title}" ({id}) has been approved.',
  'outcome.headline.REJECTED': 'The contract "{title}" ({id}) has been rejected.',
  'outcome.headline.CHANGES_REQUESTED': 'Changes have been requested to the contract "{title}" ({id}).',
  'outcome.headline.WITHDRAWN': 'The contract "{title}" ({id}) has been withdrawn.',
  'outcome.by.APPROVED': 'Approved by',
  'outcome.by.REJECTED': 'Rejected by',
  'outcome.by.CHANGES_REQUESTED': 'Changes requested by',
  'outcome.by.WITHDRAWN': 'Withdrawn by',
  'outcome.comment': 'Comment',
  'outcome.autoApproval': 'Approved without review because',
  'outcome.next.APPROVED': 'The contract may now proceed.',
  'outcome.next.REJECTED': 'The approval process has ended.',
  'outcome.next.CHANGES_REQUESTED': 'Please revise the contract as requested and resubmit it.',
  'outcome.next.WITHDRAWN': 'The approval process has ended; no further decision is needed.',

  'delegation.subject': 'Approval passed to you as delegate: {title} ({id})',
  'delegation.intro':
    '{name} ({email}) is absent, so the approval of the contract below at the "{stage}" stage has been passed to you as their delegate.',

  'visitKind.regular': 'Regular revisit',
  'visitKind.post_signing': 'Post-signing visit',
  'visitKind.at_risk': 'At-risk visit',
  'visitKind.other': 'Visit',
  'digest.subject': 'Customer revisits for {date}: {today} due today, {overdue} overdue',
  'digest.subjectDelegate': 'Customer revisits of {owner} for {date}: {today} due today, {overdue} overdue',
  'digest.intro': 'Here are your customer revisits for {date}.',
  'digest.delegate':
    'You receive this digest as the delegate of {name} ({email}), who is absent: the visits below are theirs.',
  'digest.overdueHeading': 'Overdue ({count})',
  'digest.todayHeading': 'Due today ({count})',
  'digest.customer': 'Customer',
  'digest.tier': 'Tier',
  'digest.due': 'Due',
  'digest.overdue': 'Overdue',
  'digest.overdueDays': '{days} working days',
  'digest.record':
    'Record each visit once it is done, with its outcome; the next revisit is then planned from the customer\'s tier.',
  'visitOverdue.subject': 'Overdue revisit: {customer} ({code}), {days} working days late',
  'visitOverdue.intro':
    '{owner} ({email}) has not recorded the visit to {customer} below, which is {days} working days overdue. As their manager you are told about it.',
  'visitOverdue.kind': 'Visit',
  'visitOverdue.visitId': 'Visit ID',
  'visitOverdue.action': 'Please follow up with {owner} so the customer is visited soon.',
  'visitOverdue.once': 'You are told about this visit only once.',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof enMessages;
