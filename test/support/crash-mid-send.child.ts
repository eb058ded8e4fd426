/**
 * A notifier worker that dies mid-send: it claims one notification with the product's own
 * NotificationSender (ledger repository, lease, nodemailer transport), lets the SMTP server accept
 * the message, and is SIGKILLed before the sender can record `sent` in the ledger.
 *
 * Spawned by test/reliability/crash-mid-send.e2e-spec.ts through
 * test/support/crash-child.jest.config.js; env: CRASH_CHILD_CONFIG (JSON of the system's
 * configuration variables) and CRASH_NOTIFICATION_ID.
 */
import { LeaseHeartbeat } from '../../apps/notifier/src/sending/lease-heartbeat.js';
import { MailTransport, type OutgoingEmail } from '../../apps/notifier/src/sending/mail-transport.js';
import { SendingRepository } from '../../apps/notifier/src/sending/sending.repository.js';
import { NotificationSender } from '../../apps/notifier/src/sending/notification-sender.service.js';
import { NotifierMetrics } from '../../apps/notifier/src/sending/notifier.metrics.js';
import { SendingMailer } from '../../apps/notifier/src/sending/sending.mailer.js';
import { loadConfig } from '#libs/config';
import { Database, PrismaService } from '#libs/database';
import { SystemClock } from '#libs/time';

it('claims a notification, has it accepted by SMTP, and is killed before the ledger records it', async () => {
  const config = loadConfig(JSON.parse(process.env.CRASH_CHILD_CONFIG ?? '{}'));
  const notificationId = process.env.CRASH_NOTIFICATION_ID;
  if (!notificationId) throw new Error('CRASH_NOTIFICATION_ID is not set');
  const prisma = new PrismaService(config);
  const transport = new MailTransport(config);
  const deliver = transport.send.bind(transport);
  transport.send = async (email: OutgoingEmail) => {
    await deliver(email); // the SMTP server answered 250: the message is delivered
    process.kill(process.pid, 'SIGKILL'); // ... and the worker dies before markSent
    await new Promise(() => undefined);
  };
  const clock = new SystemClock();
  const ledger = new SendingRepository(new Database(prisma), clock, config);
  const sender = new NotificationSender(ledger, transport, new NotifierMetrics(), new SendingMailer(config), clock, new LeaseHeartbeat(ledger, config), config);
  await sender.send(notificationId);
  throw new Error('The send returned: the worker was not killed mid-send');
});
