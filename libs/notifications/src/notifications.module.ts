import { Global, Module } from '@nestjs/common';
import { NotificationRequester } from './notification.requester.js';

@Global()
@Module({ providers: [NotificationRequester], exports: [NotificationRequester] })
export class NotificationsModule {}
