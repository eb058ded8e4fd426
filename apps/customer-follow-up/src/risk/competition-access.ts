import type { Caller } from '#libs/rpc';
import type { EmployeeRow as Employee, RiskAlertRow as RiskAlert } from '../rows.js';
import { isResponsibleFor, readSegment } from './competition.rules.js';

/** The segments whose competition alerts a caller reads: a director's region and product lines; nobody else's (ADMIN reads all elsewhere). */
export function competitionAccess(caller: Caller, employee: Employee | null): { regions: string[]; productLines: string[] } {
  if (caller.role !== 'SALES_DIRECTOR' || !employee) return { regions: [], productLines: [] };
  return { regions: employee.region ? [employee.region] : [], productLines: employee.productLines };
}

/** ADMIN, or a director responsible for the alert's segment. */
export function mayActOnCompetition(caller: Caller, employee: Employee | null, alert: RiskAlert): boolean {
  if (caller.role === 'ADMIN') return true;
  const segment = readSegment(alert.evidence);
  return caller.role === 'SALES_DIRECTOR' && employee !== null && segment !== null && isResponsibleFor(employee, segment);
}
