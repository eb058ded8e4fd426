import { Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { deadLetters, emailsByStatus, outboxOldestAge, outboxWaiting, queueJobs, timersDue } from '#libs/metrics';
import { EngineReadings } from './engine-readings.js';

/** Points the operators' gauges at this app's database and queues while it runs. */
@Injectable()
export class EngineGauges implements OnModuleInit, BeforeApplicationShutdown {
  private stops: (() => void)[] = [];

  constructor(private readonly readings: EngineReadings) {}

  onModuleInit(): void {
    const outbox = () => this.readings.outbox();
    this.stops = [
      queueJobs.readFrom(() => this.readings.queueJobs()),
      outboxWaiting.readFrom(async () => (await outbox()).map((row) => ({ labels: { stage: row.stage }, value: row.rows }))),
      outboxOldestAge.readFrom(async () => (await outbox()).map((row) => ({ labels: { stage: row.stage }, value: row.oldestAgeSeconds }))),
      timersDue.readFrom(() => this.readings.timersDue()),
      emailsByStatus.readFrom(() => this.readings.emailsByStatus()),
      deadLetters.readFrom(() => this.readings.deadLetters()),
    ];
  }

  /** Before the pool and the queues close, so a scrape never reads from a closed app. */
  beforeApplicationShutdown(): void {
    for (const stop of this.stops) stop();
    this.stops = [];
  }
}
