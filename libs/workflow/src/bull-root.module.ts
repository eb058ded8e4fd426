import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { redisOptionsFromUrl } from './redis-options.js';

/** The BullMQ connection for workers; the prefix keeps instances on one Redis apart. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptionsFromUrl(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
  ],
  exports: [BullModule],
})
export class BullRootModule {}
