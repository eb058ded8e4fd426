import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, type FieldError } from '#libs/rpc';
import { findHostileInput } from './hostile-input.js';

/** Each path segment as the router will decode it into a parameter; one that does not decode is left to the router's own 400. */
function decodedSegments(path: string): string[] {
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return '';
    }
  });
}

function hostilePart(request: Request): FieldError | null {
  const inPath = decodedSegments(request.path).map((segment) => findHostileInput(segment, '(path)')).find((problem) => problem !== null);
  return inPath ?? findHostileInput(request.query) ?? findHostileInput(request.body);
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
