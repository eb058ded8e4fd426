import type { z } from 'zod/v4';
import type { TrainingSessionView } from '#libs/contracts';
import { personView } from '#libs/org';
import type { CourseRow, EmployeeRow, TrainingSessionRow } from '../rows.js';

export type SessionViewBody = z.infer<typeof TrainingSessionView>;

export function sessionView(session: TrainingSessionRow, course: CourseRow, trainer: EmployeeRow, seats: { confirmed: number; waitlisted: number }): SessionViewBody {
  return {
    id: session.id,
    course: { id: course.id, code: course.code, title: { 'zh-CN': course.titleZh, en: course.titleEn } },
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    timezone: session.timezone,
    place: session.place,
    onlineUrl: session.onlineUrl,
    trainer: personView(trainer),
    capacity: session.capacity,
    waitlist: session.waitlist,
    status: session.status,
    sequence: session.icalSequence,
    version: session.version,
    seatsTaken: seats.confirmed,
    waitlistLength: seats.waitlisted,
    createdAt: session.createdAt.toISOString(),
  };
}
