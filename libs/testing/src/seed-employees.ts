import { OrgAdminService, type EmployeeInput } from '#libs/org';
import type { Caller } from '#libs/rpc';
import type { FeatureTestingModule } from './feature-testing-module.js';
import { TEST_ADMIN_EMAIL } from './test-config.js';

/**
 * Medium tier: adds employees as the bootstrap admin (through OrgAdminService, as the API would)
 * and answers everyone, the admin included, as a Caller keyed by the local part of their email.
 */
export async function seedEmployees(t: FeatureTestingModule, employees: EmployeeInput[]): Promise<Map<string, Caller>> {
  const admin = await t.prisma.employee.findUniqueOrThrow({ where: { email: TEST_ADMIN_EMAIL } });
  await t.get(OrgAdminService).upsertEmployees(admin, employees);
  const everyone = await t.prisma.employee.findMany();
  return new Map(everyone.map((e) => [e.email.split('@')[0], { id: e.id, email: e.email, name: e.name, role: e.role }]));
}

/** A manager with one specialist, and FINANCE; all in Shanghai on the standard calendar. Callers: manager, rep, finance (and admin). */
export const SMALL_TEAM: EmployeeInput[] = [
  { email: 'manager@salesflow.test', name: 'Mia Manager', role: 'SALES_MANAGER', timezone: 'Asia/Shanghai' },
  { email: 'rep@salesflow.test', name: 'Ray Rep', role: 'SALES_SPECIALIST', managerEmail: 'manager@salesflow.test', timezone: 'Asia/Shanghai' },
  { email: 'finance@salesflow.test', name: 'Fay Finance', role: 'FINANCE', timezone: 'Asia/Shanghai' },
];
