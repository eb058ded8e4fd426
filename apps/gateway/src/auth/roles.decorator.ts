import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import type { Role } from '#generated/prisma';
import { ApiErrors } from '../http/api-answers.js';

export const ROLES_KEY = 'salesflow:roles';
export const PUBLIC_KEY = 'salesflow:public';
export const ANY_EMPLOYEE = 'ANY_EMPLOYEE';
/** Pages we do not write (Bull Board) cannot send our CSRF token: there `Sec-Fetch-Site: same-origin` stands in for it. */
export const CSRF_BY_FETCH_METADATA = 'salesflow:csrf-by-fetch-metadata';

export const SALES_ROLES: Role[] = ['SALES_SPECIALIST', 'SALES_MANAGER', 'SALES_DIRECTOR'];

/**
 * Who may call an endpoint; the same list is written into the OpenAPI document so each
 * endpoint's roles are visible at /docs.
 */
export function Roles(summary: string, roles: Role[] | typeof ANY_EMPLOYEE) {
  const list = roles === ANY_EMPLOYEE ? 'any authenticated employee' : roles.join(', ');
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiOperation({ summary, description: `Roles: ${list}.` }),
    ApiErrors(401, 403),
  );
}

/** No token needed (health, metrics, single-use email links). */
export function Public(summary: string) {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiOperation({ summary, description: 'Roles: none (public).' }));
}
