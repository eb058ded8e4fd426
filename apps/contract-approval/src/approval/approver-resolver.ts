import { Injectable } from '@nestjs/common';
import type { Employee, Role } from '#generated/prisma';
import type { Tx } from '#libs/database';
import { OrgDirectory } from '#libs/org';
import { parseApproverRef } from '../policy/approver-ref.js';

export interface ResolvedAssignee {
  employee: Employee;
  kind: 'APPROVER' | 'DELEGATE';
  /** For a delegate: the absent approver it acts for. */
  onBehalfOf: Employee | null;
}

/**
 * Turns an approver reference into the people asked now: nobody decides their own contract
 * (the submitter is replaced by their manager) and an absent approver is replaced by their
 * delegate, or by their manager when the delegate is absent too or is the submitter.
 */
@Injectable()
export class ApproverResolver {
  constructor(private readonly directory: OrgDirectory) {}

  async resolve(ref: string, submitter: Employee, at: Date, tx: Tx): Promise<ResolvedAssignee[]> {
    const referenced = await this.referenced(ref, submitter, tx);
    const notSubmitter: Employee[] = [];
    for (const person of referenced) {
      if (person.id !== submitter.id) notSubmitter.push(person);
      else {
        const manager = await this.directory.managerOf(submitter, tx);
        if (manager) notSubmitter.push(manager);
      }
    }
    const resolved: ResolvedAssignee[] = [];
    for (const person of notSubmitter) {
      const assignee = await this.presentFor(person, submitter, at, tx);
      if (assignee && !resolved.some((r) => r.employee.id === assignee.employee.id)) resolved.push(assignee);
    }
    return resolved;
  }

  /** The approver, or who stands in for them while they are away. */
  async presentFor(approver: Employee, submitter: Employee, at: Date, tx: Tx): Promise<ResolvedAssignee | null> {
    const absence = await this.directory.absenceAt(approver.id, at, tx);
    if (!absence) return { employee: approver, kind: 'APPROVER', onBehalfOf: null };
    const delegate = absence.delegateId ? await this.directory.findById(absence.delegateId, tx) : null;
    if (delegate && delegate.id !== submitter.id && !(await this.directory.absenceAt(delegate.id, at, tx))) {
      return { employee: delegate, kind: 'DELEGATE', onBehalfOf: approver };
    }
    const manager = await this.directory.managerOf(approver, tx);
    if (manager && manager.id !== submitter.id) return { employee: manager, kind: 'DELEGATE', onBehalfOf: approver };
    return null;
  }

  private async referenced(ref: string, submitter: Employee, tx: Tx): Promise<Employee[]> {
    const parsed = parseApproverRef(ref);
    if (!parsed.ok) return [];
    switch (parsed.ref.kind) {
      case 'manager': {
        const manager = await this.directory.managerOf(submitter, tx);
        return manager ? [manager] : [];
      }
      case 'director': {
        const director = await this.directory.nearestAbove(submitter, 'SALES_DIRECTOR', tx);
        return director ? [director] : [];
      }
      case 'role':
        return this.directory.withRole(parsed.ref.role as Role, tx);
      case 'email': {
        const person = await this.directory.findByIdOrEmail(parsed.ref.email, tx);
        return person ? [person] : [];
      }
    }
  }
}
