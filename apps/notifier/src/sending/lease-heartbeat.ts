import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { SendingRepository, type Claim } from './sending.repository.js';

/**
 * Keeps the leases of this process's sends in flight alive: every third of SEND_LEASE, one
 * statement renews all of them. A live notifier therefore never loses a lease to a slow relay,
 * and a dead one stops renewing, so its emails are claimable again within SEND_LEASE (seconds)
 * instead of a fixed minute.
 */
@Injectable()
export class LeaseHeartbeat implements OnApplicationShutdown {
  private readonly logger = new Logger(LeaseHeartbeat.name);
  private readonly held = new Map<string, Claim>();
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;

  constructor(
    private readonly ledger: SendingRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Renews the claim's lease until `release`. */
  hold(claim: Claim): void {
    this.held.set(claim.id, claim);
    this.timer ??= setInterval(() => void this.beat(), Math.max(Math.floor(this.config.SEND_LEASE / 3), 100)).unref();
  }

  release(claim: Claim): void {
    if (this.held.get(claim.id)?.attempt === claim.attempt) this.held.delete(claim.id);
    if (this.held.size === 0) this.stop();
  }

  private async beat(): Promise<void> {
    if (this.beating || this.held.size === 0) return;
    this.beating = (async () => {
      try {
        const { takenOver, ended } = await this.ledger.renewLeases([...this.held.values()]);
        if (takenOver.length > 0) this.logger.warn(`${takenOver.length} sends in flight lost their claim (another worker took the email over): ${takenOver.map((claim) => claim.id).join(', ')}.`);
        for (const claim of [...takenOver, ...ended]) this.release(claim);
      } catch (error) {
        this.logger.warn(`Renewing the leases of ${this.held.size} sends failed; retrying in a third of the lease: ${(error as Error).message}`);
      }
    })();
    await this.beating;
    this.beating = undefined;
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}
