// A digest at scale, for `npm run bench:scale`: with the whole system running, every recipient's
// digest timer is armed due now, and the run is timed stage by stage from the rows the system
// writes anyway (timer fired, digest job done, email sent). The morning revisit digest (owners)
// and the managers' risk digest (issue 13) are measured the same way.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';

export interface DigestStage {
  name: string;
  /** Seconds after arming when the stage reached the target; null when it never did. */
  reachedAt: number | null;
  count: number;
}

export interface DigestRun {
  stages: DigestStage[];
  /** Seconds after arming of the first and last email sent. */
  firstSentAt: number | null;
  lastSentAt: number | null;
  sent: number;
  /** Emails sent per second over 15-second windows, to show whether the rate holds. */
  windows: number[];
}

/** Which digest: its batched job, its email kind, and the recipients' address pattern (SQL LIKE). */
export interface DigestKind {
  job: string;
  kind: string;
  recipients: string;
}

export const REVISIT_DIGEST: DigestKind = { job: 'revisit.digest', kind: 'revisit-digest', recipients: 'owner%' };

interface Counts {
  fired: number;
  composed: number;
  queued: number;
  sent: number;
}

async function counts(client: pg.Client, armedAt: Date, digest: DigestKind): Promise<Counts> {
  // Outbox rows, not the Timer table: a count over the timers would scan the million plans every poll.
  const { rows } = await client.query<Counts>(
    `SELECT coalesce(sum(jsonb_array_length(payload->'timerIds')), 0)::int AS fired,
            coalesce(sum(jsonb_array_length(payload->'timerIds')) FILTER (WHERE "doneAt" IS NOT NULL), 0)::int AS composed,
            (SELECT count(*)::int FROM "Notification" WHERE kind = $2 AND "recipientEmail" LIKE $3) AS queued,
            (SELECT count(*)::int FROM "Notification" WHERE kind = $2 AND "recipientEmail" LIKE $3 AND status = 'sent') AS sent
     FROM "Outbox" WHERE "jobName" = $4 AND "createdAt" >= $1::timestamp`,
    [armedAt.toISOString(), digest.kind, digest.recipients, digest.job],
  );
  return rows[0];
}

/** Polls until `target` digest emails are sent or `waitMs` passes. `start` makes the timers due; time counts from its start. */
export async function runDigest(client: pg.Client, start: () => Promise<void>, armedAt: Date, target: number, waitMs: number, digest: DigestKind = REVISIT_DIGEST): Promise<DigestRun> {
  const t0 = performance.now();
  await start();
  const stages: DigestStage[] = [
    { name: 'timers fired by the sweeper (outbox rows written)', reachedAt: null, count: 0 },
    { name: 'digests composed (their batch job done)', reachedAt: null, count: 0 },
    { name: 'emails sent (ledger status sent)', reachedAt: null, count: 0 },
  ];
  const samples: { at: number; sent: number }[] = [];
  let firstSentAt: number | null = null;
  let last: Counts = { fired: 0, composed: 0, queued: 0, sent: 0 };
  while (performance.now() - t0 < waitMs) {
    last = await counts(client, armedAt, digest);
    const at = (performance.now() - t0) / 1000;
    samples.push({ at, sent: last.sent });
    if (firstSentAt === null && last.sent > 0) firstSentAt = at;
    [last.fired, last.composed, last.sent].forEach((n, i) => {
      stages[i].count = n;
      if (stages[i].reachedAt === null && n >= target) stages[i].reachedAt = at;
    });
    if (last.sent >= target) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const windows: number[] = [];
  for (let from = 0, i = 0; i < samples.length; i++) {
    if (samples[i].at - samples[from].at >= 15 || i === samples.length - 1) {
      const seconds = samples[i].at - samples[from].at;
      if (seconds > 0) windows.push((samples[i].sent - samples[from].sent) / seconds);
      from = i;
    }
  }
  return { stages, firstSentAt, lastSentAt: stages[2].reachedAt, sent: last.sent, windows };
}
