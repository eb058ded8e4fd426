import type { z } from 'zod/v4';
import type { CourseView } from '#libs/contracts';
import type { CourseRow } from '../rows.js';

export type CourseViewBody = z.infer<typeof CourseView>;

export function courseView(course: CourseRow): CourseViewBody {
  return {
    id: course.id,
    code: course.code,
    title: { 'zh-CN': course.titleZh, en: course.titleEn },
    category: course.category,
    levels: course.levels,
    durationMinutes: course.durationMinutes,
    mandatory: course.mandatory,
    passMark: course.passMark,
    attemptsAllowed: course.attemptsAllowed,
    certificateValidityMonths: course.certificateValidityMonths,
    productLine: course.productLine,
    version: course.version,
    createdAt: course.createdAt.toISOString(),
    updatedAt: course.updatedAt.toISOString(),
  };
}
