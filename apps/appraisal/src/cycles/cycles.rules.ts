import { DateTime } from 'luxon';
import type { FieldError } from '#libs/rpc';
import { parsePeriod, PERIOD_FORMS, type Period } from '../periods/period.js';
import { isTemplateName } from '../templates/templates.rules.js';

export const SCOPE_ROLES = ['SALES_SPECIALIST', 'CUSTOMER_SERVICE', 'SALES_MANAGER', 'SALES_DIRECTOR', 'FINANCE', 'LEGAL', 'HR', 'ADMIN'] as const;
export const DEADLINES = ['self', 'peer', 'manager', 'calibration'] as const;
export type DeadlineName = (typeof DEADLINES)[number];

export interface CycleRequest {
  period: Period;
  scope: { kind: 'TEAM' | 'ROLE'; value: string };
  template: string;
  deadlines: Record<DeadlineName, Date>;
  /** How many peers the manager picks for each person. */
  peersPerPerson: number;
  /** Where in each step's window (0-1 of its owner's working time) the reminder goes out. */
  reminderAt: number;
}

export const DEFAULT_PEERS = 3;
export const DEFAULT_REMINDER_AT = 0.75;

export type CycleValidation = { ok: true; cycle: CycleRequest } | { ok: false; errors: FieldError[] };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a cycle before anything is written: the period's form, one scope (a team or a role),
 * the template's name, and the four deadlines as instants, in the order the steps run, all after `now`.
 */
export function validateCycle(input: unknown, now: Date): CycleValidation {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be an object {period, scope, template, deadlines}' }] };
  const errors: FieldError[] = [];
  const period = typeof input.period === 'string' ? parsePeriod(input.period) : null;
  if (!period) errors.push({ field: 'period', message: `must be ${PERIOD_FORMS}` });
  let scope: CycleRequest['scope'] | null = null;
  const rawScope = input.scope;
  if (!isObject(rawScope) || (rawScope.team === undefined) === (rawScope.role === undefined)) {
    errors.push({ field: 'scope', message: 'must name either a team {team} or a role {role}, not both' });
  } else if (rawScope.team !== undefined) {
    if (typeof rawScope.team !== 'string' || rawScope.team.trim() === '') errors.push({ field: 'scope.team', message: 'must be a team name' });
    else scope = { kind: 'TEAM', value: rawScope.team };
  } else if (!SCOPE_ROLES.includes(rawScope.role as never)) {
    errors.push({ field: 'scope.role', message: `must be one of ${SCOPE_ROLES.join(', ')}` });
  } else scope = { kind: 'ROLE', value: rawScope.role as string };
  if (typeof input.template !== 'string' || !isTemplateName(input.template)) errors.push({ field: 'template', message: 'must be a template name' });
  const deadlines: Partial<Record<DeadlineName, Date>> = {};
  const rawDeadlines = isObject(input.deadlines) ? input.deadlines : null;
  if (!rawDeadlines) errors.push({ field: 'deadlines', message: `must be an object {${DEADLINES.join(', ')}} of ISO-8601 instants` });
  else {
    let previous: DeadlineName | null = null;
    for (const name of DEADLINES) {
      const text = rawDeadlines[name];
      const at = typeof text === 'string' ? DateTime.fromISO(text, { setZone: true }) : null;
      if (!at?.isValid || !/[zZ]|[+-]\d\d:?\d\d$/.test(text as string)) {
        errors.push({ field: `deadlines.${name}`, message: 'must be an ISO-8601 instant with its offset (2027-01-15T18:00:00+08:00)' });
        previous = null;
        continue;
      }
      const instant = at.toJSDate();
      if (instant.getTime() <= now.getTime()) errors.push({ field: `deadlines.${name}`, message: 'must be in the future' });
      if (previous && deadlines[previous] && instant.getTime() <= deadlines[previous]!.getTime()) {
        errors.push({ field: `deadlines.${name}`, message: `must come after the ${previous} deadline (the steps run self, peer, manager, calibration)` });
      }
      deadlines[name] = instant;
      previous = name;
    }
  }
  const peersPerPerson = input.peers ?? DEFAULT_PEERS;
  if (typeof peersPerPerson !== 'number' || !Number.isInteger(peersPerPerson) || peersPerPerson < 1 || peersPerPerson > 10) errors.push({ field: 'peers', message: 'must be a whole number of peers from 1 to 10' });
  const reminderAt = input.reminderAt ?? DEFAULT_REMINDER_AT;
  if (typeof reminderAt !== 'number' || !(reminderAt > 0 && reminderAt < 1)) errors.push({ field: 'reminderAt', message: 'must be a fraction of each step\u2019s window between 0 and 1 (0.75: a quarter of the working time before the deadline)' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    cycle: { period: period!, scope: scope!, template: input.template as string, deadlines: deadlines as Record<DeadlineName, Date>, peersPerPerson: peersPerPerson as number, reminderAt: reminderAt as number },
  };
}
