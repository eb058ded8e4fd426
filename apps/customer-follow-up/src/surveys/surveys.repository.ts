import { Injectable } from '@nestjs/common';
import { Prisma, type Survey } from '#generated/prisma';
import { sqlOf, type Tx } from '#libs/database';

/** Only Prisma: survey rows. */
@Injectable()
export class SurveysRepository {
  /** Serializes survey creation per contact for the rest of the transaction, so the cap holds under concurrency. */
  async lockContact(tx: Tx, contactEmail: string): Promise<void> {
    await sqlOf(tx).execute(Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${`survey-contact:${contactEmail}`}))`);
  }

  lastTo(tx: Tx, contactEmail: string, since: Date): Promise<Survey | null> {
    return tx.survey.findFirst({ where: { contactEmail, createdAt: { gt: since } }, orderBy: { createdAt: 'desc' } });
  }

  forSource(tx: Tx, sourceId: string, reason: string): Promise<Survey | null> {
    return tx.survey.findFirst({ where: { sourceId, reason } });
  }

  create(tx: Tx, data: Prisma.SurveyUncheckedCreateInput): Promise<Survey> {
    return tx.survey.create({ data });
  }

  findByTokenHash(tx: Tx, tokenHash: string): Promise<Survey | null> {
    return tx.survey.findUnique({ where: { tokenHash } });
  }

  /** The survey under a row lock until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<Survey | null> {
    await sqlOf(tx).query(Prisma.sql`SELECT id FROM "Survey" WHERE id = ${id}::uuid FOR UPDATE`);
    return tx.survey.findUnique({ where: { id } });
  }

  answer(tx: Tx, id: string, answer: { score: number; comment: string | null; answeredAt: Date }): Promise<Survey> {
    return tx.survey.update({ where: { id }, data: answer });
  }
}
