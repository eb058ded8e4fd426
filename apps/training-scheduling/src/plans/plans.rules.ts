import { DateTime } from 'luxon';
import type { Role } from '#generated/prisma';
import type { FieldError } from '#libs/rpc';
import { addWorkingDays, type WorkCalendarSpec } from '#libs/time';
import { findAudienceWhenProblems } from './plan-when.js';

export const ROLES: readonly Role[] = ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'FINANCE', 'LEGAL', 'HR', 'ADMIN'];

export interface PlanAudience {
  roles?: Role[];
  teams?: string[];
  regions?: string[];
  /** Anyone selling one of them (the directory's productLines). */
  productLines?: string[];
  when?: string;
}
export type PlanDue = { date: string } | { withinWorkingDaysOfJoining: number };
export interface PlanRule {
  course: string;
  audience: PlanAudience;
  due: PlanDue;
}
export interface PlanDocument {
  rules: PlanRule[];
}

export type PlanValidation = { ok: true; plan: PlanDocument } | { ok: false; errors: FieldError[] };

const PLAN_KEYS = ['rules'];
const RULE_KEYS = ['course', 'audience', 'due'];
const AUDIENCE_KEYS = ['roles', 'teams', 'regions', 'productLines', 'when'];
const MAX_WORKING_DAYS = 260;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isPlanYear(year: number): boolean {
  return Number.isInteger(year) && year >= 2000 && year <= 2100;
}

/**
 * Checks a plan document once, before anything is written, and returns a normalized copy (known
 * keys only) or every problem with the path of the bad rule (`rules[2].audience.when`).
 * `knownCourses` are the catalogue's codes among those the rules name.
 */
export function validatePlan(input: unknown, knownCourses: ReadonlySet<string>): PlanValidation {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be a JSON object {rules: [...]}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, PLAN_KEYS, '', errors);
  const rules: PlanRule[] = [];
  if (!Array.isArray(input.rules)) errors.push({ field: 'rules', message: 'must be an array of rules' });
  else input.rules.forEach((rule: unknown, i) => {
    const valid = validateRule(rule, `rules[${i}]`, knownCourses, errors);
    if (valid) rules.push(valid);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan: { rules } };
}

/** The course codes a document names, to look up before validating. */
export function courseCodesOf(input: unknown): string[] {
  if (!isObject(input) || !Array.isArray(input.rules)) return [];
  return input.rules.flatMap((rule: unknown) => (isObject(rule) && typeof rule.course === 'string' ? [rule.course] : []));
}

function validateRule(input: unknown, path: string, knownCourses: ReadonlySet<string>, errors: FieldError[]): PlanRule | null {
  if (!isObject(input)) {
    errors.push({ field: path, message: 'must be an object {course, audience, due}' });
    return null;
  }
  const before = errors.length;
  unknownKeys(input, RULE_KEYS, path, errors);
  if (typeof input.course !== 'string' || input.course.trim() === '') errors.push({ field: `${path}.course`, message: 'must be a course code' });
  else if (!knownCourses.has(input.course)) errors.push({ field: `${path}.course`, message: `no course has the code ${input.course}` });
  const audience = validateAudience(input.audience, `${path}.audience`, errors);
  const due = validateDue(input.due, `${path}.due`, errors);
  if (errors.length > before || !audience || !due) return null;
  return { course: input.course as string, audience, due };
}

function validateAudience(input: unknown, path: string, errors: FieldError[]): PlanAudience | null {
  if (!isObject(input)) {
    errors.push({ field: path, message: 'must be an object {roles?, teams?, regions?, when?} (an empty object: everyone)' });
    return null;
  }
  unknownKeys(input, AUDIENCE_KEYS, path, errors);
  const audience: PlanAudience = {};
  if (input.roles !== undefined) {
    if (!Array.isArray(input.roles) || input.roles.length === 0) errors.push({ field: `${path}.roles`, message: 'must be a non-empty array of roles' });
    else input.roles.forEach((role: unknown, j) => {
      if (!ROLES.includes(role as Role)) errors.push({ field: `${path}.roles[${j}]`, message: `must be one of ${ROLES.join(', ')}` });
    });
    audience.roles = input.roles as Role[];
  }
  for (const key of ['teams', 'regions', 'productLines'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
      errors.push({ field: `${path}.${key}`, message: 'must be a non-empty array of non-empty strings' });
    }
    audience[key] = value as string[];
  }
  if (input.when !== undefined) {
    for (const message of findAudienceWhenProblems(input.when)) errors.push({ field: `${path}.when`, message });
    audience.when = input.when as string;
  }
  return audience;
}

function validateDue(input: unknown, path: string, errors: FieldError[]): PlanDue | null {
  const shape = 'must be {date: "YYYY-MM-DD"} or {withinWorkingDaysOfJoining: n}';
  if (!isObject(input)) {
    errors.push({ field: path, message: shape });
    return null;
  }
  const keys = Object.keys(input);
  if (keys.length !== 1 || !['date', 'withinWorkingDaysOfJoining'].includes(keys[0])) {
    errors.push({ field: path, message: shape });
    return null;
  }
  if ('date' in input) {
    const date = input.date;
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !DateTime.fromISO(date).isValid) {
      errors.push({ field: `${path}.date`, message: 'must be a calendar date YYYY-MM-DD' });
      return null;
    }
    return { date };
  }
  const days = input.withinWorkingDaysOfJoining;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_WORKING_DAYS) {
    errors.push({ field: `${path}.withinWorkingDaysOfJoining`, message: `must be a whole number of working days from 1 to ${MAX_WORKING_DAYS}` });
    return null;
  }
  return { withinWorkingDaysOfJoining: days };
}

function unknownKeys(input: Json, known: string[], path: string, errors: FieldError[]): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) errors.push({ field: path ? `${path}.${key}` : key, message: `is not a known key (known keys: ${known.join(', ')})` });
  }
}

/** Whether the rule needs each person read in JS (a `when`, or a due date counted from joining). */
export function needsPersonalEvaluation(rule: PlanRule): boolean {
  return rule.audience.when !== undefined || 'withinWorkingDaysOfJoining' in rule.due;
}

/** The local date a requirement is due: the plan's date, or N working days after joining in the person's calendar. */
export function dueOn(due: PlanDue, joinedAt: Date, calendar: WorkCalendarSpec, zone: string): string {
  if ('date' in due) return due.date;
  return DateTime.fromJSDate(addWorkingDays(joinedAt, due.withinWorkingDaysOfJoining, calendar, zone), { zone }).toISODate()!;
}
