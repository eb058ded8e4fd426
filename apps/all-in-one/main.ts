import 'reflect-metadata';
import { configFromProcessEnv } from '../../libs/config/src/index.js';
import { createHttpApp } from '../../libs/platform/src/index.js';
import { AllInOneModule } from './all-in-one.module.js';

const config = configFromProcessEnv();
const app = await createHttpApp(AllInOneModule.forRoot({ config }), { serveNats: true });
await app.listen(config.PORT);
