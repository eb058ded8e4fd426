import { z } from 'zod/v4';
import { Role } from '#generated/prisma';
import { PersonView, pageOf } from './common.schemas.js';

export const EmployeeView = PersonView.extend({
  role: z.enum(Role),
  manager: PersonView.nullable(),
  team: z.string().nullable(),
  region: z.string().nullable(),
  productLines: z.array(z.string()),
  timezone: z.string(),
  locale: z.string(),
  calendar: z.string(),
});
export const EmployeeList = z.object({ items: z.array(EmployeeView) });
export const EmployeePage = pageOf(EmployeeView);

export const AbsenceView = z.object({ id: z.string(), employee: PersonView, delegate: PersonView.nullable(), from: z.string(), to: z.string() });

export const CalendarView = z.object({
  name: z.string(),
  timezone: z.string().nullable(),
  days: z.array(z.number().int()).describe('ISO weekday numbers'),
  start: z.string(),
  end: z.string(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()).describe('make-up working days'),
});
