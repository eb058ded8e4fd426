import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter, type Tx } from '#libs/database';
import { SUBSCRIBERS, type EventName, type EventPayloads, type JobName, type JobPayload } from '#libs/queue';

/**
 * Publishes a domain event inside the caller's transaction: one outbox row per subscriber
 * (SUBSCRIBERS), so the event commits with the change that caused it, or not at all.
 */
@Injectable()
export class EventPublisher {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Returns the event's id, which every subscriber's job carries. */
  async publish<E extends EventName>(tx: Tx, event: E, payload: EventPayloads[E], correlationId: string | null): Promise<string> {
    const eventId = randomUUID();
    for (const subscriber of SUBSCRIBERS[event]) {
      await this.outbox.add(tx, {
        queue: subscriber.queue,
        jobName: subscriber.job,
        // The subscription table pairs each event with jobs whose payload is that event's.
        payload: { ...payload, eventId } as JobPayload<JobName>,
        correlationId,
      });
    }
    return eventId;
  }
}
