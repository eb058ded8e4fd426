import { Injectable } from '@nestjs/common';
import type { ReportView, ReportWindowRequest } from '#libs/contracts';
import { Database } from '#libs/database';
import { OrgDirectory, reportScope } from '#libs/org';
import type { Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { SurveysRepository } from './surveys.repository.js';

/** The satisfaction trend of the sales analysis: the caller's reporting line's customers (ADMIN: all). */
@Injectable()
export class SatisfactionReport {
  constructor(
    private readonly database: Database,
    private readonly directory: OrgDirectory,
    private readonly repository: SurveysRepository,
    private readonly clock: Clock,
  ) {}

  async read(caller: Caller, request: ReportWindowRequest): Promise<ReportView> {
    const { owners, window } = await reportScope(this.directory, caller, request, this.clock.now());
    const rows = await this.repository.satisfactionByMonth(this.database.db, owners, window);
    return {
      name: 'satisfaction', from: window.from, to: window.to, timezone: window.zone, currency: null,
      columns: ['month', 'answers', 'averageScore', 'lowScores'], rows: rows as unknown as ReportView['rows'], thresholds: [],
    };
  }
}
