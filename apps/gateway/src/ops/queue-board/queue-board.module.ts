import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ALL_QUEUES } from '#libs/queue';
import { QueueRegistry } from '#libs/workflow';
import { OperatorAccess } from './operator-access.js';

export const QUEUE_BOARD_ROUTE = '/admin/queues';

/**
 * Bull Board at /admin/queues: every queue of this installation (its QUEUE_PREFIX), for ADMIN
 * only. Mounted the way @bull-board/nestjs mounts it (see docs/engineering-notes.md for why that
 * package is not used): the access check, then the board's Express router, as Nest middleware.
 */
@Module({ providers: [OperatorAccess] })
export class QueueBoardModule implements NestModule {
  constructor(
    private readonly access: OperatorAccess,
    private readonly queues: QueueRegistry,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    const board = new ExpressAdapter().setBasePath(QUEUE_BOARD_ROUTE);
    // The producer-side queues this process already holds: no connection of its own.
    createBullBoard({ queues: ALL_QUEUES.map((name) => new BullMQAdapter(this.queues.get(name))), serverAdapter: board });
    consumer.apply(this.access.middleware(), board.getRouter()).forRoutes(QUEUE_BOARD_ROUTE);
  }
}
