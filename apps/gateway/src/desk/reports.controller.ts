import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { REPORT_NAMES, schemaRef } from '#libs/contracts';
import { toCsv } from '#libs/platform';
import { type Caller } from '#libs/rpc';
import { ApiErrors } from '../http/api-answers.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { ServiceClient } from '../http/service-client.js';
import { ReportQuery } from './desk.dto.js';
import { isReportName, REPORT_ROLES, REPORT_SOURCES } from './report-sources.js';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly service: ServiceClient) {}

  @Get(':name')
  @Roles(
    'The sales analysis\u2019s figures, the same as the charts of /desk/analysis: sales (approved amount by month, region, product line, customer type), discounts (submitted contracts by whole discount percent, with the policy\u2019s thresholds), approval-cycle (per stage: decided, hours to decide, SLA breaches), satisfaction (answered surveys by month). Only the caller\u2019s reporting line (ADMIN: everyone); local days of the caller\u2019s zone. JSON, or CSV with format=csv (formula-safe cells)',
    [...REPORT_ROLES],
  )
  @ApiParam({ name: 'name', enum: REPORT_NAMES })
  @ApiResponse({ status: 200, description: 'Success.', content: { 'application/json': { schema: schemaRef('ReportView') }, 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404, 503)
  async read(@CurrentCaller() caller: Caller, @Param('name') name: string, @Query() query: ReportQuery, @CorrelationId() correlationId: string, @Res({ passthrough: true }) res: Response) {
    if (!isReportName(name)) throw new NotFoundException({ statusCode: 404, code: 'report.not_found', message: `There is no report ${name}; there are ${REPORT_NAMES.join(', ')}.` });
    const report = await this.service.call(REPORT_SOURCES[name], caller, correlationId, { from: query.from, to: query.to });
    if (query.format !== 'csv') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}-${report.from}-${report.to}.csv"`);
    return toCsv(report.columns, report.rows);
  }
}
