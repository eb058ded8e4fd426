import { ClientNats, ServerNats, type NatsOptions } from '@nestjs/microservices';

type NatsConnection = Parameters<ServerNats['bindEvents']>[0];

/**
 * NATS subjects carry QUEUE_PREFIX so two instances on one NATS never answer each other.
 * Patterns stay unprefixed in the code; only the wire subject changes.
 */
/**
 * Each request goes to exactly one replica of the service that owns it, however the services
 * are packed into processes: the queue group is the pattern's service segment.
 */
export function queueGroupOf(pattern: string): string {
  return pattern.split('.')[0];
}

export class PrefixedNatsServer extends ServerNats {
  private readonly prefixedSubscriptions: { unsubscribe(): void }[] = [];

  constructor(
    private readonly prefix: string,
    private readonly natsOptions: NonNullable<NatsOptions['options']>,
  ) {
    super(natsOptions);
  }

  override bindEvents(client: NatsConnection): void {
    for (const channel of this.messageHandlers.keys()) {
      const subscription = client.subscribe(`${this.prefix}.${channel}`, {
        queue: queueGroupOf(channel),
        callback: this.getMessageHandler(channel).bind(this),
      });
      this.prefixedSubscriptions.push(subscription);
    }
  }

  /** Stop taking requests before the connection closes, so in-flight ones can answer. */
  override async close(): Promise<void> {
    for (const subscription of this.prefixedSubscriptions.splice(0)) subscription.unsubscribe();
    await super.close();
  }
}

export class PrefixedNatsClient extends ClientNats {
  constructor(
    private readonly prefix: string,
    options: NonNullable<NatsOptions['options']>,
  ) {
    super(options);
  }

  protected override normalizePattern(pattern: unknown): string {
    return `${this.prefix}.${super.normalizePattern(pattern as string)}`;
  }
}
