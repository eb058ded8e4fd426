import { Global, Module } from '@nestjs/common';
import { EmailRecipients } from './email-recipients.js';
import { NotificationRequester } from './notification.requester.js';

@Global()
@Module({ providers: [NotificationRequester, EmailRecipients], exports: [NotificationRequester, EmailRecipients] })
export class NotificationsModule {}
