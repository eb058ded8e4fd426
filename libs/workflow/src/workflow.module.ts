import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { DeadJobHooks } from './dead-job-hooks.js';
import { ShutdownState } from './shutdown-state.js';
import { DEFAULT_ENGINE_TIMINGS, ENGINE_TIMINGS, EngineLoop, EngineTimings } from './engine-loop.js';
import { JobOutcomeRecorder } from './job-outcome.recorder.js';
import { OutboxJobRunner } from './outbox-job.runner.js';
import { OutboxReconciler } from './outbox-reconciler.js';
import { OutboxRelay } from './outbox-relay.js';
import { QueueRegistry } from './queue-registry.js';
import { TimerSweeper } from './timer-sweeper.js';
import { TimerWriter } from './timer.writer.js';
import { EventPublisher } from './events/event-publisher.js';
import { JobDispatcher } from './jobs/job-dispatcher.js';
import { TimerJobs } from './timers/timer-jobs.js';
import { EngineGauges } from './metrics/engine-gauges.js';
import { EngineReadings } from './metrics/engine-readings.js';

/** The engine every service runs: timers, outbox relay, reconciler, job outcomes. */
@Module({})
export class WorkflowModule {
  static forRoot(timings: Partial<EngineTimings> = {}): DynamicModule {
    return {
      module: WorkflowModule,
      global: true,
      imports: [ScheduleModule.forRoot(), DiscoveryModule],
      providers: [
        { provide: ENGINE_TIMINGS, useValue: { ...DEFAULT_ENGINE_TIMINGS, ...timings } },
        QueueRegistry,
        TimerWriter,
        TimerSweeper,
        OutboxRelay,
        OutboxReconciler,
        JobOutcomeRecorder,
        DeadJobHooks,
        ShutdownState,
        OutboxJobRunner,
        EngineLoop,
        JobDispatcher,
        EventPublisher,
        TimerJobs,
        EngineReadings,
        EngineGauges,
      ],
      exports: [EngineLoop, QueueRegistry, TimerWriter, TimerSweeper, OutboxRelay, OutboxReconciler, JobOutcomeRecorder, DeadJobHooks, ShutdownState, OutboxJobRunner, JobDispatcher, EventPublisher, TimerJobs],
    };
  }
}
