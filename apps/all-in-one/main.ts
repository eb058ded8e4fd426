import 'reflect-metadata';
import { configFromProcessEnv } from '#libs/config';
import { createHttpApp } from '#libs/platform';
import { AllInOneModule } from './all-in-one.module.js';

// The four services share one pool here; run apart, each has DATABASE_POOL_SIZE of its own.
const config = configFromProcessEnv({ DATABASE_POOL_SIZE: '20' });
const app = await createHttpApp(AllInOneModule.forRoot({ config }), { serveNats: true });
await app.listen(config.PORT);
