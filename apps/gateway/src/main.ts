import 'reflect-metadata';
import { configFromProcessEnv } from '#libs/config';
import { createHttpApp } from '#libs/platform';
import { GatewayAppModule } from './gateway-app.module.js';

const config = configFromProcessEnv();
const app = await createHttpApp(GatewayAppModule.forRoot({ config }), { serveNats: false });
await app.listen(config.PORT);
