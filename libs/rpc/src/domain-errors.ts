export interface FieldError {
  field: string;
  message: string;
}

/** A rule the request broke; its status survives the NATS hop and becomes the HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, errors?: FieldError[]) {
    super(400, message, errors);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(403, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(404, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(409, message);
  }
}

export class GoneError extends DomainError {
  constructor(message: string) {
    super(410, message);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string) {
    super(422, message);
  }
}

/** What crosses the wire when a handler fails. */
export interface RpcErrorBody {
  status: number;
  message: string;
  errors?: FieldError[];
}

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as RpcErrorBody).status === 'number' && typeof (value as RpcErrorBody).message === 'string';
}
