import { BadRequestException } from '@nestjs/common';

export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new BadRequestException({ statusCode: 400, message: 'Invalid Idempotency-Key.', errors: [{ field: 'Idempotency-Key', message: '1 to 200 visible ASCII characters' }] });
  }
  return header;
}
