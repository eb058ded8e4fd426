import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { OutboxSignal } from '#libs/database';
import { Clock } from '#libs/time';
import { OutboxReconciler } from './outbox-reconciler.js';
import { OutboxRelay } from './outbox-relay.js';
import { TimerSweeper } from './timer-sweeper.js';
import { withTimeout } from './with-timeout.js';

const STOP_TIMEOUT_MS = 15_000;

export interface EngineTimings {
  sweepMs: number;
  relayMs: number;
  reconcileMs: number;
  purgeMs: number;
  timerRetentionMs: number;
}

export const ENGINE_TIMINGS = Symbol('ENGINE_TIMINGS');

export const DEFAULT_ENGINE_TIMINGS: EngineTimings = {
  sweepMs: 1000,
  relayMs: 500,
  reconcileMs: 5000,
  purgeMs: 6 * 3600_000,
  timerRetentionMs: 30 * 24 * 3600_000,
};

/**
 * The per-process intervals that drive the engine. They only look for due rows; what acts is
 * decided in Postgres (SKIP LOCKED claims), so any number of replicas may run this.
 */
@Injectable()
export class EngineLoop implements OnApplicationBootstrap {
  private readonly logger = new Logger(EngineLoop.name);
  private readonly running = new Map<string, Promise<void>>();
  private unsubscribe?: () => void;
  private stopped = false;

  constructor(
    @Inject(ENGINE_TIMINGS) private readonly timings: EngineTimings,
    private readonly scheduler: SchedulerRegistry,
    private readonly sweeper: TimerSweeper,
    private readonly relay: OutboxRelay,
    private readonly reconciler: OutboxReconciler,
    private readonly signal: OutboxSignal,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.every('sweep', this.timings.sweepMs, () => this.sweeper.sweep());
    this.every('relay', this.timings.relayMs, () => this.relay.drain());
    this.every('reconcile', this.timings.reconcileMs, () => this.reconciler.reconcile());
    this.every('purge', this.timings.purgeMs, () =>
      this.sweeper.purge(new Date(this.clock.now().getTime() - this.timings.timerRetentionMs)),
    );
    this.unsubscribe = this.signal.subscribe(() => this.runExclusive('relay', () => this.relay.drain()));
    void this.runExclusive('reconcile', () => this.reconciler.reconcile());
  }

  /** Stops the intervals and waits for passes under way (called by the graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    for (const name of ['sweep', 'relay', 'reconcile', 'purge']) {
      if (this.scheduler.doesExist('interval', this.intervalName(name))) this.scheduler.deleteInterval(this.intervalName(name));
    }
    // A pass stuck on an unreachable Redis must not hold the shutdown forever.
    await withTimeout(Promise.all(this.running.values()), STOP_TIMEOUT_MS, 'Engine passes under way').catch((error: Error) => this.logger.warn(error.message));
  }

  private intervalName(name: string): string {
    return `engine-${name}-${this.instanceId}`;
  }

  private readonly instanceId = Math.random().toString(36).slice(2);

  private every(name: string, ms: number, task: () => Promise<unknown>): void {
    const handle = setInterval(() => void this.runExclusive(name, task), ms);
    this.scheduler.addInterval(this.intervalName(name), handle);
  }

  /** One pass of each kind at a time per process; a signal during a pass asks for one more. */
  private readonly again = new Set<string>();

  private async runExclusive(name: string, task: () => Promise<unknown>): Promise<void> {
    if (this.stopped) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    const pass = this.loop(name, task).finally(() => this.running.delete(name));
    this.running.set(name, pass);
    await pass;
  }

  private async loop(name: string, task: () => Promise<unknown>): Promise<void> {
    try {
      do {
        this.again.delete(name);
        await task();
      } while (this.again.has(name) && !this.stopped);
    } catch (error) {
      this.logger.warn(`Engine ${name} pass failed and will run again: ${(error as Error).message}`);
    }
  }
}
