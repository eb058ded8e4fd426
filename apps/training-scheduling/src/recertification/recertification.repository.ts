import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Tx } from '#libs/database';
import type { CertificateRow } from '../attendance/attendance.repository.js';

/** Certificates to renew and the requirements their renewal opens. */
@Injectable()
export class RecertificationRepository {
  async lockCertificate(tx: Tx, id: string): Promise<CertificateRow | null> {
    return (await tx.selectFrom('Certificate').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  /** Whether the holder has a later certificate for the course (renewed already: nothing to do). */
  async renewed(tx: Tx, certificate: CertificateRow): Promise<boolean> {
    const later = await tx
      .selectFrom('Certificate')
      .select('id')
      .where('employeeId', '=', certificate.employeeId)
      .where('courseId', '=', certificate.courseId)
      .where('issuedAt', '>', certificate.issuedAt)
      .executeTakeFirst();
    return later !== undefined;
  }

  /**
   * The requirement to recertify: a new one, or the person's requirement for the course that
   * year reopened unless it is open already (a completion of that year by an older enrollment is
   * what runs out). Returns its id.
   */
  async openRequirement(tx: Tx, certificate: CertificateRow, year: number, dueOn: string, now: Date): Promise<string> {
    const row = await sql<{ id: string }>`INSERT INTO "TrainingRequirement" ("id", "year", "employeeId", "courseId", "planVersion", "dueOn", "status", "recertifiesCertificateId", "createdAt", "updatedAt")
      VALUES (gen_random_uuid(), ${year}, ${certificate.employeeId}::uuid, ${certificate.courseId}::uuid, 0, ${dueOn}::date, 'OPEN', ${certificate.id}::uuid, ${now}, ${now})
      ON CONFLICT ("year", "employeeId", "courseId") DO UPDATE SET
        "status" = 'OPEN', "dueOn" = LEAST("TrainingRequirement"."dueOn", excluded."dueOn"), "recertifiesCertificateId" = excluded."recertifiesCertificateId",
        "satisfiedByEnrollmentId" = CASE WHEN "TrainingRequirement"."status" = 'OPEN' THEN "TrainingRequirement"."satisfiedByEnrollmentId" END,
        "completedAt" = NULL, "withdrawnAt" = NULL, "updatedAt" = excluded."updatedAt"
      RETURNING "id"`.execute(tx);
    return row.rows[0].id;
  }
}
