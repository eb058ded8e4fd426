import { Body, Controller, ForbiddenException, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OrgAdminService, OrgDirectory } from '#libs/org';
import type { Caller } from '#libs/rpc';
import { ApiAnswers } from '../http/api-answers.js';
import { ANY_EMPLOYEE, Roles } from '../auth/roles.decorator.js';
import { CorrelationId, CurrentCaller } from '../auth/caller.decorator.js';
import { pageLimit } from '../http/page-limit.js';
import { AbsenceDto, ListEmployeesQuery, UpsertEmployeesDto } from './org.dto.js';

/** The organization directory is a shared library over the shared database, served here directly. */
@ApiTags('organization')
@Controller('org')
export class OrgController {
  constructor(
    private readonly admin: OrgAdminService,
    private readonly directory: OrgDirectory,
  ) {}

  @Put('employees')
  @Roles('Bulk upsert employees (reporting lines, roles, zones, locales, calendars)', ['ADMIN', 'HR'])
  @ApiAnswers(200, 'EmployeeList', [400])
  upsertEmployees(@CurrentCaller() caller: Caller, @Body() body: UpsertEmployeesDto) {
    return this.admin.upsertEmployees(caller, body.employees);
  }

  @Get('employees')
  @Roles('List employees', ANY_EMPLOYEE)
  @ApiAnswers(200, 'EmployeePage', [400])
  listEmployees(@Query() query: ListEmployeesQuery) {
    return this.admin.listEmployees({ cursor: query.cursor, limit: pageLimit(query.limit), team: query.team, role: query.role });
  }

  @Post('absences')
  @Roles('Record an absence (out of office) with an optional delegate: the employee, their managers, ADMIN or HR', ANY_EMPLOYEE)
  @ApiAnswers(201, 'AbsenceView', [400])
  async addAbsence(@CurrentCaller() caller: Caller, @Body() body: AbsenceDto, @CorrelationId() correlationId: string) {
    if (!['ADMIN', 'HR'].includes(caller.role) && caller.email !== body.employeeEmail.toLowerCase()) {
      const employee = await this.directory.findByIdOrEmail(body.employeeEmail);
      if (!employee || !(await this.directory.isAbove(caller.id, employee))) {
        throw new ForbiddenException('Only the employee, their managers, ADMIN or HR may record this absence.');
      }
    }
    return this.admin.addAbsence(caller, body, correlationId);
  }

  @Put('calendars/:name')
  @Roles('Create or replace a work calendar (days, hours, holidays, make-up working days)', ['ADMIN'])
  @ApiAnswers(200, 'CalendarView', [400])
  putCalendar(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body() body: unknown) {
    return this.admin.putCalendar(caller, name, body);
  }
}
