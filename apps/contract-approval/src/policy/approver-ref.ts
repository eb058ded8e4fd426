import { z } from 'zod';
import { ROLES, type Role } from './policy.types.js';

export type ParsedApproverRef =
  | { kind: 'manager' }
  | { kind: 'director' }
  | { kind: 'role'; role: Role }
  | { kind: 'email'; email: string };

export type ApproverRefParseResult = { ok: true; ref: ParsedApproverRef } | { ok: false; message: string };

const roleSet: ReadonlySet<string> = new Set(ROLES);
const emailSchema = z.string().email();

function isRole(value: string): value is Role {
  return roleSet.has(value);
}

export function parseApproverRef(ref: unknown): ApproverRefParseResult {
  if (typeof ref !== 'string') {
    return { ok: false, message: 'must be a string: manager, director, role:<ROLE> or email:<address>' };
  }
  if (ref === 'manager') return { ok: true, ref: { kind: 'manager' } };
  if (ref === 'director') return { ok: true, ref: { kind: 'director' } };
  if (ref.startsWith('role:')) {
    const role = ref.slice('role:'.length);
    return isRole(role)
      ? { ok: true, ref: { kind: 'role', role } }
      : { ok: false, message: `unknown role in approver reference "${ref}" (known roles: ${ROLES.join(', ')})` };
  }
  if (ref.startsWith('email:')) {
    const email = ref.slice('email:'.length);
    return emailSchema.safeParse(email).success
      ? { ok: true, ref: { kind: 'email', email } }
      : { ok: false, message: `invalid email address in approver reference "${ref}"` };
  }
  return {
    ok: false,
    message: `unknown approver reference "${ref}" (expected manager, director, role:<ROLE> or email:<address>)`,
  };
}
