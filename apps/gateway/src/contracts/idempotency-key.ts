import { BadRequestException } from '@nestjs/common';

/** The OpenAPI description of the header, for @ApiHeader on a create. */
export const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'the same key with the same body returns the first result' };

export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new BadRequestException({ statusCode: 400, message: 'Invalid Idempotency-Key.', errors: [{ field: 'Idempotency-Key', message: '1 to 200 visible ASCII characters' }] });
  }
  return header;
}
