import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from './auth.guard.js';

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthedRequest>().caller;
});

export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  return String(context.switchToHttp().getRequest<AuthedRequest>().id);
});
