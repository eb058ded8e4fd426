import { Injectable } from '@nestjs/common';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { ForbiddenError, type Caller } from '#libs/rpc';
import type { EmployeeRow as Employee } from '../rows.js';

/**
 * Who may see and record an owner's visits, decided at the moment of acting: the owner, the
 * delegate of the absent owner, and anyone above the owner in the reporting line; ADMIN reads too.
 */
@Injectable()
export class RevisitAccess {
  constructor(private readonly directory: OrgDirectory) {}

  async assertMayRead(tx: Tx, caller: Caller, owner: Employee, now: Date): Promise<void> {
    if (caller.role === 'ADMIN' || (await this.actsFor(tx, caller, owner, now))) return;
    throw new ForbiddenError('You may not see these visits: only their owner, the owner\u2019s delegate while they are absent, their managers and ADMIN may.');
  }

  async assertMayComplete(tx: Tx, caller: Caller, owner: Employee, now: Date): Promise<void> {
    if (await this.actsFor(tx, caller, owner, now)) return;
    throw new ForbiddenError('Only the visit\u2019s owner, their delegate while they are absent, or their managers may record this visit.');
  }

  private async actsFor(tx: Tx, caller: Caller, owner: Employee, now: Date): Promise<boolean> {
    if (caller.id === owner.id) return true;
    const absence = await this.directory.absenceAt(owner.id, now, tx);
    if (absence?.delegateId === caller.id) return true;
    return this.directory.isAbove(caller.id, owner, tx);
  }
}
