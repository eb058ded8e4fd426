import { BadRequestError, NotFoundError, type Caller } from '#libs/rpc';
import { reportWindow, type ReportWindow } from '#libs/time';
import { OrgDirectory } from './org-directory.service.js';

export interface ReportScope {
  /** The owners whose rows the report reads: the caller and their reporting line; null for ADMIN (everyone). */
  owners: string[] | null;
  /** Local days of the caller's working zone. */
  window: ReportWindow;
}

/**
 * What a report may read and over which days, the same in every service that owns figures: the
 * caller's reporting line (SPEC: a manager sees their line, a specialist themselves), and the
 * window in the caller's zone; 400 naming the field when the window is wrong.
 */
export async function reportScope(directory: OrgDirectory, caller: Caller, input: { from?: string; to?: string }, now: Date): Promise<ReportScope> {
  const employee = await directory.findById(caller.id);
  if (!employee) throw new NotFoundError('The caller is not in the directory.');
  const result = reportWindow(input, (await directory.workingContext(employee)).zone, now);
  if (!result.ok) throw new BadRequestError('The report window is invalid.', result.errors);
  return { owners: await ownersVisibleTo(directory, caller), window: result.window };
}

/** The caller and everyone below them; null (everyone) for ADMIN. */
export async function ownersVisibleTo(directory: OrgDirectory, caller: Caller): Promise<string[] | null> {
  return caller.role === 'ADMIN' ? null : directory.reportingSubtree(caller.id);
}
