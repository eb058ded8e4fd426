import type { FieldError } from '#libs/rpc';
import type { AppraisalRow } from '../cycles/cycles.repository.js';
import type { RatingBand } from '../templates/templates.rules.js';

/**
 * The review steps of an appraisal (issue 11 item 4), in order: the person's self review; the
 * peers the manager picked rate teamwork through single-use links; the manager rates and
 * comments; a director (above the manager) or HR calibrates the band; sign-off freezes it.
 * Nothing moves on by itself: a missed deadline only reminds and escalates.
 */
export type AppraisalStatus = AppraisalRow['status'];
export type ReviewStep = 'self' | 'peer' | 'manager' | 'calibration';

export const COMMENT_MAX = 4000;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** Statuses in which the manager may still pick peers and peers may still answer. */
export const PEERS_OPEN: readonly AppraisalStatus[] = ['SELF_REVIEW', 'PEER_REVIEW', 'MANAGER_REVIEW'];

/** Where an appraisal goes once its self review is in: peer review while peers' answers are owed. */
export function afterSelfReview(peersAsked: number, peersAnswered: number): AppraisalStatus {
  return peersAsked > 0 && peersAnswered >= peersAsked ? 'MANAGER_REVIEW' : 'PEER_REVIEW';
}

/** After a peer answers: all answers in and the self review done moves it to the manager's review. */
export function afterPeerAnswer(status: AppraisalStatus, peersAsked: number, peersAnswered: number): AppraisalStatus {
  return status === 'PEER_REVIEW' && peersAnswered >= peersAsked ? 'MANAGER_REVIEW' : status;
}

/** The status a step needs, for a 409 that says what the appraisal waits for instead. */
export const STEP_NEEDS: Record<'self' | 'manager' | 'calibration' | 'signOff', readonly AppraisalStatus[]> = {
  self: ['SELF_REVIEW'],
  // The manager need not wait for every peer: an unanswered link is the peers' choice, not a block.
  manager: ['PEER_REVIEW', 'MANAGER_REVIEW'],
  calibration: ['CALIBRATION'],
  signOff: ['SIGN_OFF'],
};

const WAITING_FOR: Record<AppraisalStatus, string> = {
  SELF_REVIEW: 'the self review',
  PEER_REVIEW: 'peer ratings or the manager\u2019s review',
  MANAGER_REVIEW: 'the manager\u2019s review',
  CALIBRATION: 'calibration',
  SIGN_OFF: 'sign-off',
  SIGNED_OFF: 'nothing: it is signed off',
};

export function waitingFor(status: AppraisalStatus): string {
  return WAITING_FOR[status];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function comment(input: Json, field: string, required: boolean, errors: FieldError[]): string | null {
  const raw = input[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '' && !required)) {
    if (required) errors.push({ field, message: `required: 1 to ${COMMENT_MAX} characters` });
    return null;
  }
  if (typeof raw !== 'string' || raw.trim().length === 0 || raw.length > COMMENT_MAX) {
    errors.push({ field, message: `must be text of 1 to ${COMMENT_MAX} characters` });
    return null;
  }
  return raw.trim();
}

function rating(input: Json, errors: FieldError[]): number {
  const raw = input.rating;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < RATING_MIN || raw > RATING_MAX) {
    errors.push({ field: 'rating', message: `must be a whole number from ${RATING_MIN} to ${RATING_MAX}` });
  }
  return raw as number;
}

function unknownKeys(input: Json, known: string[], errors: FieldError[]): void {
  for (const key of Object.keys(input)) if (!known.includes(key)) errors.push({ field: key, message: 'is not a field of this request' });
}

function done<T>(errors: FieldError[], value: T): Validated<T> {
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

export function validateSelfReview(input: unknown): Validated<{ comment: string }> {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object {comment}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, ['comment'], errors);
  return done(errors, { comment: comment(input, 'comment', true, errors)! });
}

/** Peers by email or id: distinct, between 1 and the cycle's number, never the person themselves. */
export function validatePeerPick(input: unknown, peersPerPerson: number): Validated<{ peers: string[] }> {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object {peers}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, ['peers'], errors);
  const peers = input.peers;
  if (!Array.isArray(peers) || peers.length === 0 || peers.length > peersPerPerson || peers.some((p) => typeof p !== 'string' || p.trim() === '' || p.length > 320)) {
    errors.push({ field: 'peers', message: `must list 1 to ${peersPerPerson} colleagues by email or id` });
    return { ok: false, errors };
  }
  const normalised = (peers as string[]).map((p) => p.trim().toLowerCase());
  if (new Set(normalised).size !== normalised.length) errors.push({ field: 'peers', message: 'names a colleague twice' });
  return done(errors, { peers: normalised });
}

export function validatePeerAnswer(input: unknown): Validated<{ rating: number; comment: string | null }> {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object {rating, comment?}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, ['rating', 'comment'], errors);
  const value = rating(input, errors);
  return done(errors, { rating: value, comment: comment(input, 'comment', false, errors) });
}

export function validateManagerReview(input: unknown): Validated<{ rating: number; comment: string }> {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object {rating, comment}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, ['rating', 'comment'], errors);
  const value = rating(input, errors);
  return done(errors, { rating: value, comment: comment(input, 'comment', true, errors)! });
}

/** The calibrated band is one of the template's; moving it off the computed band needs a reason. */
export function validateCalibration(input: unknown, bands: RatingBand[], computedBand: string | null): Validated<{ band: string; reason: string | null }> {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object {band, reason?}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, ['band', 'reason'], errors);
  const names = bands.map((b) => b.name);
  const band = input.band;
  if (typeof band !== 'string' || !names.includes(band)) errors.push({ field: 'band', message: `must be one of the template's bands: ${names.join(', ')}` });
  const reason = comment(input, 'reason', false, errors);
  if (typeof band === 'string' && names.includes(band) && band !== computedBand && reason === null) {
    errors.push({ field: 'reason', message: `required when the band changes (from ${computedBand ?? 'none'} to ${band})` });
  }
  return done(errors, { band: band as string, reason });
}

interface Actor {
  id: string;
  role: string;
}

/** The manager of record reviews; a person without one is reviewed by HR. */
export function mayReviewAsManager(caller: Actor, appraisal: { managerId: string | null; employeeId: string }): boolean {
  if (caller.id === appraisal.employeeId) return false;
  return appraisal.managerId ? caller.id === appraisal.managerId : caller.role === 'HR';
}

/** Picking peers: the manager of record or anyone above the person. */
export function mayPickPeers(caller: Actor, appraisal: { managerId: string | null; employeeId: string }, callerIsAbovePerson: boolean): boolean {
  if (caller.id === appraisal.employeeId) return false;
  return caller.id === appraisal.managerId || callerIsAbovePerson || (appraisal.managerId === null && caller.role === 'HR');
}

/**
 * Calibration and sign-off: a director (anyone above the manager of record), HR or ADMIN; never
 * the person and never the manager whose review is being calibrated.
 */
export function mayCalibrate(caller: Actor, appraisal: { managerId: string | null; employeeId: string }, callerIsAboveManager: boolean): boolean {
  if (caller.id === appraisal.employeeId || caller.id === appraisal.managerId) return false;
  return caller.role === 'HR' || caller.role === 'ADMIN' || callerIsAboveManager;
}
