import 'reflect-metadata';
import { createServiceMain } from '#libs/platform';
import { ContractApprovalModule } from './contract-approval.module.js';

await createServiceMain(ContractApprovalModule);
