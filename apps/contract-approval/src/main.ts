import 'reflect-metadata';
import { configFromProcessEnv } from '#libs/config';
import { createServiceApp } from '#libs/platform';
import { ContractApprovalAppModule } from './contract-approval-app.module.js';

const config = configFromProcessEnv();
const app = await createServiceApp(ContractApprovalAppModule.forRoot({ config }), config);
await app.listen();
