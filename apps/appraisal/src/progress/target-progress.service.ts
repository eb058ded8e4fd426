import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database } from '#libs/database';
import type { TargetProgressSectionView } from '#libs/mail';
import { OrgDirectory } from '#libs/org';
import { Clock } from '#libs/time';
import { elapsedShare, parsePeriod } from '../periods/period.js';
import { TargetProgressReader, type PersonProgress } from '../targets/target-progress.reader.js';
import { centsText, teamTotal } from '../targets/targets.rules.js';
import { ProgressTimers } from './progress-timers.service.js';
import { ProgressMailer, type ProgressMail } from './progress.mailer.js';
import { ProgressRepository } from './progress.repository.js';
import { PROGRESS_SCHEDULE, reportedPeriods } from './progress.rules.js';

/**
 * The Monday email, when a batch of managers' links fires (the sweeper hands them over in
 * batches: TIMER_BATCH_SIZES): arm each manager's next link, read every line's targets and
 * actuals set-based (one pass per reported period for the whole batch), ask for the emails, in
 * one transaction.
 *
 * - Who: anyone with a direct report; the email covers their whole reporting line (as GET
 *   /targets shows a manager), people with a target in the period only.
 * - What: the quarter and the month of the manager's local date, each with every person's target,
 *   actual, attainment and expected-by-now (the pace in the person's zone), who is behind pace,
 *   and the team total. A period nobody in the line has a target for is left out, and a manager
 *   whose line has no target in either gets no email that week (the chain goes on).
 * - Once: keyed `target-progress:<manager>:<local date>`; a timer fired twice or two replicas
 *   send one.
 */
@Injectable()
export class TargetProgressService {
  constructor(
    private readonly database: Database,
    private readonly repository: ProgressRepository,
    private readonly directory: OrgDirectory,
    private readonly reader: TargetProgressReader,
    private readonly timers: ProgressTimers,
    private readonly mailer: ProgressMailer,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async fire(timerIds: string[], correlationId: string | null): Promise<'done' | 'skipped'> {
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const links = await this.timers.chain.fired(tx, timerIds, now);
      const dateOf = new Map(links.map((link) => [link.subjectId, link.localDate]));
      const managerIds = await this.repository.managerIds(tx, [...dateOf.keys()]);
      if (managerIds.length === 0) return 'skipped';
      const subjects = await this.timers.subjects(tx, managerIds);
      await this.timers.chain.armNext(tx, subjects, PROGRESS_SCHEDULE, now, correlationId);

      const lineOf = new Map<string, string[]>();
      for (const { managerId, employeeId } of await this.repository.lines(tx, managerIds)) lineOf.set(managerId, [...(lineOf.get(managerId) ?? []), employeeId]);
      const everyone = [...new Set([...lineOf.values()].flat())];
      const periods = [...new Set(managerIds.flatMap((id) => reportedPeriods(dateOf.get(id)!)))];
      const progressOf = new Map<string, Map<string, PersonProgress>>();
      for (const text of periods) {
        const rows = await this.reader.read(tx, parsePeriod(text)!, everyone, null, now);
        progressOf.set(text, new Map(rows.map((row) => [row.target.employeeId, row])));
      }

      const managers = new Map((await this.directory.findManyById(managerIds, tx)).map((manager) => [manager.id, manager]));
      const zoneOf = new Map(subjects.map((subject) => [subject.id, subject.zone]));
      const mails: ProgressMail[] = [];
      for (const managerId of managerIds) {
        const line = new Set(lineOf.get(managerId) ?? []);
        const sections: TargetProgressSectionView[] = [];
        for (const text of reportedPeriods(dateOf.get(managerId)!)) {
          const rows = [...progressOf.get(text)!.values()].filter((row) => line.has(row.target.employeeId));
          if (rows.length > 0) sections.push(section(text, rows, zoneOf.get(managerId)!, now));
        }
        if (sections.length === 0) continue;
        const manager = managers.get(managerId)!;
        mails.push({
          manager,
          timezone: zoneOf.get(managerId)!,
          content: { localDate: dateOf.get(managerId)!, currency: this.config.BASE_CURRENCY, sections, behindCount: new Set(sections.flatMap((s) => s.behind)).size },
        });
      }
      const asked = await this.mailer.progress(tx, mails, correlationId);
      return asked.some(Boolean) ? 'done' : 'skipped';
    });
  }
}

function section(text: string, rows: PersonProgress[], managerZone: string, now: Date): TargetProgressSectionView {
  const total = teamTotal(rows.map((row) => row.progress));
  return {
    period: text,
    elapsedPct: Math.round(elapsedShare(parsePeriod(text)!, managerZone, now) * 10_000) / 100,
    people: rows.map(({ target, progress }) => ({
      name: target.employeeName, email: target.employeeEmail,
      target: centsText(progress.targetCents), actual: centsText(progress.actualCents), expected: centsText(progress.expectedCents),
      attainmentPct: progress.attainmentPct, behindPace: progress.behindPace,
    })),
    behind: rows.filter((row) => row.progress.behindPace).map((row) => row.target.employeeName),
    total: {
      people: total.people, target: centsText(total.targetCents), actual: centsText(total.actualCents), expected: centsText(total.expectedCents),
      attainmentPct: total.attainmentPct, behindPace: total.behindPace,
    },
  };
}
