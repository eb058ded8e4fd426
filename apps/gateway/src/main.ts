import 'reflect-metadata';
import { configFromProcessEnv } from '../../../libs/config/src/index.js';
import { createHttpApp } from '../../../libs/platform/src/index.js';
import { GatewayAppModule } from './gateway-app.module.js';

const config = configFromProcessEnv();
const app = await createHttpApp(GatewayAppModule.forRoot({ config }), { serveNats: false });
await app.listen(config.PORT);
