import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CourseRequest } from '#libs/contracts';
import type { Tx } from '#libs/database';
import { isUuid } from '#libs/rpc';
import { type CourseRow } from '../rows.js';

function columns(course: CourseRequest) {
  return {
    code: course.code,
    titleZh: course.titleZh,
    titleEn: course.titleEn,
    category: course.category,
    levels: course.levels,
    durationMinutes: course.durationMinutes,
    mandatory: course.mandatory,
    passMark: course.passMark ?? null,
    attemptsAllowed: course.passMark == null ? null : (course.attemptsAllowed ?? 1),
    certificateValidityMonths: course.certificateValidityMonths ?? null,
    productLine: course.productLine ?? null,
  };
}

/** The course catalogue. */
@Injectable()
export class CoursesRepository {
  create(tx: Tx, course: CourseRequest, now: Date): Promise<CourseRow> {
    return tx.insertInto('Course').values({ id: randomUUID(), ...columns(course), createdAt: now, updatedAt: now }).returningAll().executeTakeFirstOrThrow();
  }

  async findById(tx: Tx, id: string): Promise<CourseRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Course').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async lock(tx: Tx, id: string): Promise<CourseRow | null> {
    if (!isUuid(id)) return null;
    return (await tx.selectFrom('Course').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
  }

  async existsWithCode(tx: Tx, code: string, exceptId?: string): Promise<boolean> {
    let query = tx.selectFrom('Course').select('id').where('code', '=', code);
    if (exceptId) query = query.where('id', '<>', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  replace(tx: Tx, id: string, course: CourseRequest, version: number, now: Date): Promise<CourseRow> {
    return tx.updateTable('Course').set({ ...columns(course), version, updatedAt: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  }

  /** By code; take = limit + 1 (see toPage). */
  async list(tx: Tx, filter: { category?: CourseRow['category'] }, page: { cursor?: string; limit: number }): Promise<CourseRow[]> {
    const after = page.cursor ? await this.findById(tx, page.cursor) : null;
    let query = tx.selectFrom('Course').selectAll();
    if (filter.category) query = query.where('category', '=', filter.category);
    if (after) query = query.where('code', '>', after.code);
    return query.orderBy('code').limit(page.limit + 1).execute();
  }
}
