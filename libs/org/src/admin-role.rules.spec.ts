import { adminRoleRefusal, type RoleChange } from './admin-role.rules.js';

const change = (email: string, role: RoleChange['role'], current: RoleChange['current']): RoleChange => ({ email, role, current });

describe('adminRoleRefusal: who may grant, change or remove ADMIN', () => {
  it('HR may not make anyone an ADMIN, itself included (403)', () => {
    expect(adminRoleRefusal('HR', [change('hr@x.test', 'ADMIN', 'HR')], 1)).toEqual({ status: 403, message: expect.stringMatching(/Only an ADMIN may make hr@x.test/) });
    expect(adminRoleRefusal('HR', [change('new@x.test', 'ADMIN', null)], 1)?.status).toBe(403);
  });

  it('HR may not edit an ADMIN at all, even leaving the role as it is (403)', () => {
    expect(adminRoleRefusal('HR', [change('admin@x.test', 'SALES_MANAGER', 'ADMIN')], 2)?.status).toBe(403);
    expect(adminRoleRefusal('HR', [change('admin@x.test', 'ADMIN', 'ADMIN')], 2)?.status).toBe(403);
  });

  it('HR may still edit everyone else', () => {
    expect(adminRoleRefusal('HR', [change('rep@x.test', 'SALES_MANAGER', 'SALES_SPECIALIST'), change('new@x.test', 'FINANCE', null)], 1)).toBeUndefined();
  });

  it('an ADMIN may grant and remove ADMIN while another ADMIN remains', () => {
    expect(adminRoleRefusal('ADMIN', [change('hr@x.test', 'ADMIN', 'HR')], 1)).toBeUndefined();
    expect(adminRoleRefusal('ADMIN', [change('other@x.test', 'HR', 'ADMIN')], 2)).toBeUndefined();
  });

  it('the last ADMIN can never be demoted (409), unless the same request makes another', () => {
    expect(adminRoleRefusal('ADMIN', [change('admin@x.test', 'HR', 'ADMIN')], 1)?.status).toBe(409);
    expect(adminRoleRefusal('ADMIN', [change('a@x.test', 'HR', 'ADMIN'), change('b@x.test', 'HR', 'ADMIN')], 2)?.status).toBe(409);
    expect(adminRoleRefusal('ADMIN', [change('admin@x.test', 'HR', 'ADMIN'), change('hr@x.test', 'ADMIN', 'HR')], 1)).toBeUndefined();
  });
});
