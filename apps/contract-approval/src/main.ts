import 'reflect-metadata';
import { configFromProcessEnv } from '../../../libs/config/src/index.js';
import { createServiceApp } from '../../../libs/platform/src/index.js';
import { ContractApprovalAppModule } from './contract-approval-app.module.js';

const config = configFromProcessEnv();
const app = await createServiceApp(ContractApprovalAppModule.forRoot({ config }), config);
await app.listen();
