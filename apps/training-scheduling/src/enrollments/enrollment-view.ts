import type { z } from 'zod/v4';
import type { EnrollmentView } from '#libs/contracts';
import { personView } from '#libs/org';
import type { EmployeeRow, EnrollmentRow } from '../rows.js';

export type EnrollmentViewBody = z.infer<typeof EnrollmentView>;

export function enrollmentView(enrollment: EnrollmentRow, employee: EmployeeRow): EnrollmentViewBody {
  return {
    id: enrollment.id,
    sessionId: enrollment.sessionId,
    employee: personView(employee),
    status: enrollment.status,
    waitlistedAt: enrollment.waitlistedAt?.toISOString() ?? null,
    confirmedAt: enrollment.confirmedAt?.toISOString() ?? null,
    withdrawnAt: enrollment.withdrawnAt?.toISOString() ?? null,
    attempt: enrollment.attempt,
    attendance: enrollment.attendance,
    score: enrollment.score,
    result: enrollment.result,
    createdAt: enrollment.createdAt.toISOString(),
  };
}
