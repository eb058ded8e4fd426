import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/**
 * The `cursor` of every list: the id (a UUID) of the previous page's last item. Refused here, so a
 * malformed one is a 400 instead of a cast Postgres refuses.
 */
export function PageCursor(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ format: 'uuid', description: 'nextCursor of the previous page' }),
    IsOptional(),
    IsUUID('all', { message: 'cursor must be the nextCursor of a previous page' }),
  );
}
