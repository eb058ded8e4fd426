import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, type FieldError } from '#libs/rpc';
import { findHostileInput } from './hostile-input.js';

/** A path segment as the router will decode it into a parameter (UTF-8 that encodes a surrogate does not decode). */
function pathSegmentProblem(segment: string): FieldError | null {
  try {
    return findHostileInput(decodeURIComponent(segment), '(path)');
  } catch {
    return { field: '(path)', message: 'must be percent-encoded UTF-8' };
  }
}

function hostilePart(request: Request): FieldError | null {
  for (const segment of request.path.split('/')) {
    const problem = pathSegmentProblem(segment);
    if (problem) return problem;
  }
  return findHostileInput(request.query) ?? findHostileInput(request.body);
}

/**
 * Runs once per request right after body parsing, before any guard, pipe or handler: a request
 * carrying input no endpoint accepts (see findHostileInput) is a 400 naming the field, and nothing
 * further in sees it.
 */
export function refuseHostileInput(request: Request, _response: Response, next: NextFunction): void {
  const problem = hostilePart(request);
  if (!problem) return next();
  next(new BadRequestError('The request carries input no endpoint accepts; nothing was changed.', [problem], 'validation_failed'));
}
