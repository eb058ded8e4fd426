import { parseApproverRef } from './approver-ref.js';
import { ROLES } from './policy.types.js';

describe('parseApproverRef', () => {
  it('parses each kind of reference', () => {
    expect(parseApproverRef('manager')).toEqual({ ok: true, ref: { kind: 'manager' } });
    expect(parseApproverRef('director')).toEqual({ ok: true, ref: { kind: 'director' } });
    expect(parseApproverRef('email:li.wei@example.cn')).toEqual({ ok: true, ref: { kind: 'email', email: 'li.wei@example.cn' } });
    for (const role of ROLES) expect(parseApproverRef(`role:${role}`)).toEqual({ ok: true, ref: { kind: 'role', role } });
  });

  it.each(['Manager', 'role:', 'role:finance', 'role:CEO', 'email:', 'email:a@', 'email:@b.com', 'email:a b@c.com', 'user:x', ''])(
    'refuses %j',
    (ref) => {
      expect(parseApproverRef(ref).ok).toBe(false);
    },
  );

  it('refuses a non-string', () => {
    expect(parseApproverRef(3)).toEqual({ ok: false, message: expect.stringContaining('must be a string') });
  });
});
