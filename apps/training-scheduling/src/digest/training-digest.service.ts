import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import type { TrainingDigestOverdueView, TrainingDigestPersonView, TrainingDigestSessionView } from '#libs/mail';
import { OrgDirectory } from '#libs/org';
import { Clock, localDateOf } from '#libs/time';
import { TrainingPolicyStore } from '../policy/training-policy.store.js';
import type { EmployeeRow } from '../rows.js';
import { DigestTimers } from './digest-timers.service.js';
import { DigestMailer, type DigestMail } from './digest.mailer.js';
import { DigestRepository, type DigestRequirement, type DigestSession } from './digest.repository.js';
import { daysPast, DIGEST_HORIZON_DAYS } from './digest.rules.js';

/**
 * The weekly digest, when a batch of managers' digest timers fires (the sweeper hands them over
 * in batches: TIMER_BATCH_SIZES): arm each manager's next link, compose each one's digest from
 * four set-based reads (direct reports, their requirements, their calendars, sessions with
 * seats) and ask for the emails, in one transaction.
 *
 * - Who: a manager is anyone with a direct report; the digest covers their direct reports (as the
 *   overdue escalation does: each manager hears about the people they manage, a director about
 *   their own reports, not the whole line below). A manager left without reports gets none and
 *   their chain ends; the directory event or the daily check starts it again.
 * - What: each person's requirements of the plan year of the digest's date (withdrawn ones not
 *   counted), completed / open / of which overdue, as GET /training-plans/:year/progress counts
 *   them; every overdue requirement (open, due before today in the person's zone) with its days
 *   late; and the sessions of the next DIGEST_HORIZON_DAYS days with a free seat, of courses
 *   someone still needs (open requirement, no seat or waitlist place yet).
 * - Always one: a manager with a team gets a digest every week, a short one when none of their
 *   people has a requirement this year (it is a weekly status, and silence would read as "all done").
 * - The email is keyed `training-digest:<manager>:<local date of the link>`: a timer that fires
 *   twice, or two replicas, send one. After downtime a late link sends one catch-up digest
 *   (content as of now, keyed by the Monday it was for) and the chain continues from now.
 */
@Injectable()
export class TrainingDigestService {
  constructor(
    private readonly database: Database,
    private readonly repository: DigestRepository,
    private readonly directory: OrgDirectory,
    private readonly policies: TrainingPolicyStore,
    private readonly digestTimers: DigestTimers,
    private readonly mailer: DigestMailer,
    private readonly clock: Clock,
  ) {}

  /** 'done' when at least one digest was asked for. */
  async fire(timerIds: string[], correlationId: string | null): Promise<'done' | 'skipped'> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const links = await this.digestTimers.chain.fired(tx, timerIds, now);
      const dateOf = new Map(links.map((link) => [link.subjectId, link.localDate]));
      const reports = await this.repository.reports(tx, [...dateOf.keys()]);
      const managers = await this.directory.findManyById([...new Set(reports.map((person) => person.managerId!))], tx);
      if (managers.length === 0) return 'skipped';
      const { policy } = await this.policies.active(tx);
      await this.digestTimers.armNext(tx, managers, policy, now, correlationId);
      const mails = await this.compose(tx, managers, reports, dateOf, now);
      const asked = await this.mailer.digests(tx, mails, correlationId);
      return asked.some(Boolean) ? 'done' : 'skipped';
    });
  }

  private async compose(tx: Tx, managers: EmployeeRow[], reports: EmployeeRow[], dateOf: Map<string, string>, now: Date): Promise<DigestMail[]> {
    const contexts = await this.directory.workingContexts([...managers, ...reports], tx);
    const yearOf = (managerId: string) => Number(dateOf.get(managerId)!.slice(0, 4));
    const years = [...new Set(managers.map((manager) => yearOf(manager.id)))];
    const requirementsOf = groupBy(await this.repository.requirements(tx, reports.map((person) => person.id), years), (r) => r.employeeId);
    const todayOf = new Map(reports.map((person) => [person.id, localDateOf(now, contexts.get(person.id)!.zone)]));

    // The courses each manager's people still need, then every session of them in one read.
    const needs = new Map<string, Map<string, string[]>>();
    const teamOf = groupBy(reports, (person) => person.managerId!);
    for (const manager of managers) {
      const byCourse = new Map<string, string[]>();
      for (const person of teamOf.get(manager.id) ?? []) {
        for (const r of ofYear(requirementsOf.get(person.id), yearOf(manager.id))) {
          if (r.status === 'OPEN' && r.satisfiedByEnrollmentId === null) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), person.name]);
        }
      }
      needs.set(manager.id, byCourse);
    }
    const courseIds = [...new Set([...needs.values()].flatMap((byCourse) => [...byCourse.keys()]))];
    const horizon = new Date(now.getTime() + DIGEST_HORIZON_DAYS * 86_400_000);
    const sessions = await this.repository.sessionsWithSeats(tx, courseIds, now, horizon);

    return managers.map((manager) => {
      const english = manager.locale === 'en';
      const title = (row: { titleEn: string; titleZh: string }) => (english ? row.titleEn : row.titleZh);
      const year = yearOf(manager.id);
      const people: TrainingDigestPersonView[] = [];
      const overdue: TrainingDigestOverdueView[] = [];
      for (const person of teamOf.get(manager.id) ?? []) {
        const own = ofYear(requirementsOf.get(person.id), year);
        const today = todayOf.get(person.id)!;
        const late = own.filter((r) => r.status === 'OPEN' && daysPast(dateText(r.dueOn), today) > 0);
        people.push({
          name: person.name, email: person.email, total: own.length,
          completed: own.filter((r) => r.status === 'COMPLETED').length, open: own.filter((r) => r.status === 'OPEN').length, overdue: late.length,
        });
        for (const r of late) {
          overdue.push({ person: { name: person.name, email: person.email }, courseCode: r.courseCode, courseTitle: title(r), dueOn: dateText(r.dueOn), daysOverdue: daysPast(dateText(r.dueOn), today) });
        }
      }
      overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.person.name.localeCompare(b.person.name) || a.courseCode.localeCompare(b.courseCode));
      const needed = needs.get(manager.id)!;
      const upcoming: TrainingDigestSessionView[] = sessions.filter((s: DigestSession) => needed.has(s.courseId)).map((s) => ({
        sessionId: s.id, courseCode: s.courseCode, courseTitle: title(s), startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(),
        place: s.place, onlineUrl: s.onlineUrl, freeSeats: s.freeSeats, neededBy: needed.get(s.courseId)!,
      }));
      return {
        manager,
        timezone: contexts.get(manager.id)!.zone,
        content: { localDate: dateOf.get(manager.id)!, year, horizonDays: DIGEST_HORIZON_DAYS, people, hasRequirements: people.some((p) => p.total > 0), overdue, sessions: upcoming },
      };
    });
  }
}

function ofYear(rows: DigestRequirement[] | undefined, year: number): DigestRequirement[] {
  return (rows ?? []).filter((r) => r.year === year);
}

/** A `date` column as read (UTC midnight) to its YYYY-MM-DD. */
function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
