import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { QueueBoardModule } from './queue-board/queue-board.module.js';
import { RequestDurationMiddleware } from './request-duration.middleware.js';

/** What whoever runs salesflow looks at: Bull Board, and the HTTP side of the metrics. */
@Module({ imports: [QueueBoardModule] })
export class OperatorsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestDurationMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
