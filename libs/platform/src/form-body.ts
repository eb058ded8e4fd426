import { Transform } from 'class-transformer';
import type { NextFunction, Request, Response } from 'express';

const FORM_ENCODED = Symbol('form-encoded');

/** Marks a form-encoded body (every value in it is text) so that FormNumber knows to read its numbers. */
export function markFormBody(request: Request, _response: Response, next: NextFunction): void {
  if (request.is('application/x-www-form-urlencoded') && typeof request.body === 'object' && request.body !== null) {
    Object.defineProperty(request.body, FORM_ENCODED, { value: true });
  }
  next();
}

/**
 * A number field a web form may post: from a form its text is read as a number, from JSON it must
 * already be one, so `"5"` in JSON is a type error like any other.
 */
export function FormNumber(): PropertyDecorator {
  return Transform(({ value, obj }) => ((obj as Record<symbol, unknown>)[FORM_ENCODED] === true && typeof value === 'string' && value.trim() !== '' ? Number(value) : value));
}
