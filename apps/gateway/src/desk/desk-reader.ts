import { HttpException, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import pLimit from 'p-limit';
import {
  ApprovalInbox, GetTrainingPlanProgress, ListComplaints, ListContractsInFlight, ListRevisits, ListRiskAlerts, ListTargets, type RpcContract,
} from '#libs/contracts';
import { OrgDirectory, ownersVisibleTo } from '#libs/org';
import type { Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import type { PageLocale } from '../http/page-layout.js';
import { ServiceClient } from '../http/service-client.js';

type Answer<C> = C extends RpcContract<never, infer R> ? R : never;

/** A section's data, or why it could not be read (the rest of the desk still shows). */
export type Section<T> = { ok: true; value: T } | { ok: false; status: number };

export interface DeskData {
  me: { name: string; locale: PageLocale; zone: string };
  now: string;
  inbox: Section<Answer<typeof ApprovalInbox>['items']>;
  inFlight: Section<Answer<typeof ListContractsInFlight>['items']>;
  overdueVisits: Section<Answer<typeof ListRevisits>['items']>;
  complaints: Section<Answer<typeof ListComplaints>['items']>;
  riskAlerts: Section<Answer<typeof ListRiskAlerts>['items']>;
  training: Section<{ year: number; total: number; completed: number; overdue: number } | null>;
  targets: Section<Answer<typeof ListTargets>['total'] & { period: string; currency: string } | null>;
}

/** How many people's overdue visits the desk reads at once (one request each: ListRevisits reads one owner). */
const VISIT_READS_AT_ONCE = 4;
/** The desk lists at most this many rows per section; the API pages the rest. */
const SECTION_LIMIT = 50;

export function pageLocale(locale: string | null | undefined): PageLocale {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * Everything the desk shows, gathered through the owning services' requests with the caller as
 * the caller: each service applies its own visibility (the caller's reporting line), so the desk
 * never sees more than the API would show the same person.
 */
@Injectable()
export class DeskReader {
  constructor(
    private readonly service: ServiceClient,
    private readonly directory: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  async me(caller: Caller): Promise<DeskData['me']> {
    const employee = await this.directory.findById(caller.id);
    const zone = employee ? (await this.directory.workingContext(employee)).zone : 'Asia/Shanghai';
    return { name: caller.name, locale: pageLocale(employee?.locale), zone };
  }

  async read(caller: Caller, correlationId: string): Promise<DeskData> {
    const me = await this.me(caller);
    const now = this.clock.now();
    const local = DateTime.fromJSDate(now, { zone: me.zone });
    const call = <Req, Res>(contract: RpcContract<Req, Res>, body: NoInfer<Req>) => this.service.call(contract, caller, correlationId, body);
    const [inbox, inFlight, overdueVisits, complaints, riskAlerts, training, targets] = await Promise.all([
      section(call(ApprovalInbox, {}).then((page) => page.items)),
      section(call(ListContractsInFlight, { limit: SECTION_LIMIT }).then((page) => page.items)),
      section(this.overdueVisits(caller, call)),
      section(Promise.all([call(ListComplaints, { status: 'open', limit: SECTION_LIMIT }), call(ListComplaints, { status: 'acknowledged', limit: SECTION_LIMIT })])
        .then(([open, acknowledged]) => [...open.items, ...acknowledged.items])),
      section(call(ListRiskAlerts, { status: 'open', limit: SECTION_LIMIT }).then((page) => page.items)),
      section(orNothingOn404(call(GetTrainingPlanProgress, { year: local.year }).then((progress) => ({
        year: progress.year,
        total: sum(progress.byTeam.map((row) => row.total)),
        completed: sum(progress.byTeam.map((row) => row.completed)),
        overdue: sum(progress.byTeam.map((row) => row.overdue)),
      })))),
      section(orNothingOn404(call(ListTargets, { period: local.toFormat('yyyy-MM'), limit: 1 }).then((page) => (page.total.people > 0 ? { ...page.total, period: page.period, currency: page.currency } : null)))),
    ]);
    return { me, now: now.toISOString(), inbox, inFlight, overdueVisits, complaints, riskAlerts, training, targets };
  }

  /** Overdue visits of the caller and their reporting line (ADMIN: their own), most overdue first. */
  private async overdueVisits(caller: Caller, call: <Req, Res>(contract: RpcContract<Req, Res>, body: NoInfer<Req>) => Promise<Res>) {
    const owners = (await ownersVisibleTo(this.directory, caller)) ?? [caller.id];
    const limit = pLimit(VISIT_READS_AT_ONCE);
    const pages = await Promise.all(owners.map((owner) => limit(() => call(ListRevisits, { owner, due: 'overdue', limit: SECTION_LIMIT }))));
    return pages.flatMap((page) => page.items).sort((a, b) => b.overdueWorkingDays - a.overdueWorkingDays).slice(0, SECTION_LIMIT);
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

async function section<T>(read: Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await read };
  } catch (error) {
    if (error instanceof HttpException) return { ok: false, status: error.getStatus() };
    throw error;
  }
}

/** A year without a training plan, a month without targets: nothing to show, not an error. */
async function orNothingOn404<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof HttpException && error.getStatus() === 404) return null;
    throw error;
  }
}
