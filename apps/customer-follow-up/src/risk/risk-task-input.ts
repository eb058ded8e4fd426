import { BadRequestError, isUuid } from '#libs/rpc';

export const MAX_TASK_NOTE = 2000;

/** A non-blank note of at most MAX_TASK_NOTE characters; 400 naming `note` otherwise. */
export function parseTaskNote(input: { note?: unknown }): string {
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note === '') throw new BadRequestError('The task was not changed.', [{ field: 'note', message: 'note must say what was done' }]);
  if (note.length > MAX_TASK_NOTE) throw new BadRequestError('The task was not changed.', [{ field: 'note', message: `note must be at most ${MAX_TASK_NOTE} characters` }]);
  return note;
}

/** An employee id; 400 naming `ownerId` otherwise. */
export function parseNewOwner(input: { ownerId?: unknown }): string {
  if (typeof input.ownerId !== 'string' || !isUuid(input.ownerId)) {
    throw new BadRequestError('The task was not changed.', [{ field: 'ownerId', message: 'ownerId must be the id of an employee' }]);
  }
  return input.ownerId;
}
