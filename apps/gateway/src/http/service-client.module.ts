import { Module } from '@nestjs/common';
import { ServiceClient } from './service-client.js';

/** One NATS client per gateway process, shared by every controller. */
@Module({ providers: [ServiceClient], exports: [ServiceClient] })
export class ServiceClientModule {}
