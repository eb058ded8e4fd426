import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { ForbiddenError, type Caller } from '#libs/rpc';

/** Roles that see every customer. */
const READS_ALL = new Set(['ADMIN', 'CUSTOMER_SERVICE']);

/**
 * Who may see and change a customer: its owner and the owner's managers (reporting line) read and
 * write; CUSTOMER_SERVICE reads all; ADMIN reads and writes all.
 */
@Injectable()
export class CustomerAccess {
  constructor(
    private readonly database: Database,
    private readonly directory: OrgDirectory,
  ) {}

  async canRead(caller: Caller, ownerId: string, tx: Tx = this.database.db): Promise<boolean> {
    return READS_ALL.has(caller.role) || this.ownsOrManages(caller, ownerId, tx);
  }

  async canWrite(caller: Caller, ownerId: string, tx: Tx = this.database.db): Promise<boolean> {
    return caller.role === 'ADMIN' || this.ownsOrManages(caller, ownerId, tx);
  }

  async assertReadable(caller: Caller, ownerId: string, tx: Tx = this.database.db): Promise<void> {
    if (!(await this.canRead(caller, ownerId, tx))) throw new ForbiddenError('You may not see this customer: it is owned outside your reporting line.');
  }

  async assertWritable(caller: Caller, ownerId: string, tx: Tx = this.database.db): Promise<void> {
    if (!(await this.canWrite(caller, ownerId, tx))) throw new ForbiddenError('Only the customer\u2019s owner, the owner\u2019s managers and ADMIN may change this customer.');
  }

  /** The owners whose customers the caller sees; null means every customer. */
  async visibleOwnerIds(caller: Caller, tx: Tx = this.database.db): Promise<string[] | null> {
    return READS_ALL.has(caller.role) ? null : this.directory.reportingSubtree(caller.id, tx);
  }

  private async ownsOrManages(caller: Caller, ownerId: string, tx: Tx): Promise<boolean> {
    if (caller.id === ownerId) return true;
    const owner = await this.directory.findById(ownerId, tx);
    return owner !== null && this.directory.isAbove(caller.id, owner, tx);
  }
}
