import type { Role } from '#generated/prisma';

export interface RoleChange {
  email: string;
  /** The role the request gives. */
  role: Role;
  /** The role the employee has now; null for a new employee. */
  current: Role | null;
}

export type AdminRoleRefusal = { status: 403 | 409; message: string };

/**
 * Who may touch the ADMIN role: an ADMIN can do anything HR can, so only an ADMIN may grant,
 * change or remove it, and nobody else may edit an ADMIN at all; and the installation must keep
 * one ADMIN, or nobody could administer it (BOOTSTRAP_ADMIN_EMAIL only helps after a restart).
 */
export function adminRoleRefusal(actorRole: Role | null, changes: RoleChange[], adminsNow: number): AdminRoleRefusal | undefined {
  if (actorRole !== 'ADMIN') {
    const touched = changes.find((change) => change.role === 'ADMIN' || change.current === 'ADMIN');
    if (touched) {
      return {
        status: 403,
        message: touched.current === 'ADMIN' ? `Only an ADMIN may change ${touched.email}, who is an ADMIN.` : `Only an ADMIN may make ${touched.email} an ADMIN.`,
      };
    }
  }
  const granted = changes.filter((change) => change.role === 'ADMIN' && change.current !== 'ADMIN').length;
  const removed = changes.filter((change) => change.role !== 'ADMIN' && change.current === 'ADMIN').length;
  if (removed > 0 && adminsNow - removed + granted < 1) {
    return { status: 409, message: 'This would leave no ADMIN: make someone else an ADMIN first.' };
  }
  return undefined;
}
