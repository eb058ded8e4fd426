import { BadRequestException } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '#libs/rpc';

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new BadRequestException({ statusCode: 400, message: 'Invalid limit.', errors: [{ field: 'limit', message: `an integer from 1 to ${MAX_PAGE_SIZE}` }] });
  }
  return limit;
}
