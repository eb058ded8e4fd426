import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { JOBS, QUEUES } from '#libs/queue';
import { TimerWriter, type ArmTimer } from '#libs/workflow';
import { OverdueRepository } from './overdue.repository.js';
import { localDateText, OVERDUE_STEPS, overdueStepTimes, overdueTimerKey } from './overdue.rules.js';

/**
 * Arms the three steps of every open mandatory requirement the plan just added, reopened or
 * redated, in that transaction (one statement for all the timers). A redated requirement gets
 * new keys (the due date is in the key); its old timers fire and are skipped as stale. A
 * completed or withdrawn requirement's timers are skipped when they fire (OverdueJobs.stillDue).
 * A reminder whose time has passed is not armed while an escalation would come first anyway.
 */
@Injectable()
export class OverdueTimers {
  constructor(
    private readonly repository: OverdueRepository,
    private readonly timers: TimerWriter,
    private readonly directory: OrgDirectory,
  ) {}

  async armWrittenAt(tx: Tx, year: number, at: Date, correlationId: string | null): Promise<void> {
    const rows = await this.repository.openMandatoryWrittenAt(tx, year, at);
    if (rows.length === 0) return;
    const contexts = await this.directory.workingContexts(rows.map((row) => row.employee), tx);
    // A publish has few distinct (calendar, zone, due date): each is worked out once, not once per person.
    const timesFor = new Map<string, ReturnType<typeof overdueStepTimes>>();
    const timers: ArmTimer[] = [];
    for (const { requirementId, dueOn, employee } of rows) {
      const context = contexts.get(employee.id)!;
      const date = localDateText(dueOn);
      const memo = `${context.calendar.name}|${context.zone}|${date}`;
      const times = timesFor.get(memo) ?? timesFor.set(memo, overdueStepTimes(date, context.calendar, context.zone)).get(memo)!;
      for (const step of OVERDUE_STEPS) {
        if (step === 'reminder' && times.manager <= at) continue; // already overdue: no "due soon" reminder
        const dueAt = times[step] < at ? at : times[step];
        timers.push({ kind: JOBS.trainingRequirementOverdueStep, queue: QUEUES.trainingUrgent, subjectId: requirementId, dueAt, uniqueKey: overdueTimerKey(requirementId, date, step), correlationId });
      }
    }
    await this.timers.armAll(tx, timers);
  }
}
