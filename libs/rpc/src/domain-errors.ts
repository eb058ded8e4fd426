import type { FieldError } from '#libs/contracts';

export type { FieldError } from '#libs/contracts';

/**
 * A rule the request broke; its status and its code survive the NATS hop and become the HTTP
 * status and the body's `code`. Codes are stable and machine-readable: a class gives a generic
 * one, a throw site names a sharper one (`contract.not_found`, `conflict.stale_version`) where a
 * client may want to act on it.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    readonly code: string = errorCodeForStatus(status),
  ) {
    super(message);
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, errors?: FieldError[], code = 'validation_failed') {
    super(400, message, errors, code);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, code = 'forbidden') {
    super(403, message, undefined, code);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, code = 'not_found') {
    super(404, message, undefined, code);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(409, message, undefined, code);
  }
}

export class GoneError extends DomainError {
  constructor(message: string, code = 'link.gone') {
    super(410, message, undefined, code);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string, code = 'unprocessable') {
    super(422, message, undefined, code);
  }
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'link.gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  500: 'internal',
  503: 'service_unavailable',
};

/** The code an error gets when nothing more specific was said. */
export function errorCodeForStatus(status: number): string {
  return CODES_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'error');
}

/** What crosses the wire when a handler fails. */
export interface RpcErrorBody {
  status: number;
  /** Absent from a replica older than the codes: the gateway derives one from the status. */
  code?: string;
  message: string;
  errors?: FieldError[];
}

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as RpcErrorBody).status === 'number' && typeof (value as RpcErrorBody).message === 'string';
}
