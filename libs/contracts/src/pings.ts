import { PingAppraisal } from './appraisal.contracts.js';
import { PingContractApproval } from './contract-approval.contracts.js';
import { PingCustomerFollowUp } from './customer-follow-up.contracts.js';
import { PingNotifier } from './notifier.contracts.js';
import { PingTrainingScheduling } from './training-scheduling.contracts.js';

/** Every service answers one: /health asks them all. */
export const SERVICE_PINGS = [PingContractApproval, PingCustomerFollowUp, PingTrainingScheduling, PingAppraisal, PingNotifier] as const;
