import { personView, type PersonView } from '#libs/org';
import type { EmployeeRow as Employee } from '../rows.js';
import type { RiskTaskRow } from './risk-tasks.repository.js';

export interface RiskTaskView {
  id: string;
  alert: { id: string; type: string; rule: string } | null;
  kind: string;
  owner: PersonView | null;
  dueAt: string;
  status: RiskTaskRow['status'];
  note: string | null;
  doneAt: string | null;
  doneBy: PersonView | null;
}

export function riskTaskView(task: RiskTaskRow, alert: { id: string; type: string; rule: string } | null, people: ReadonlyMap<string, Employee>): RiskTaskView {
  const person = (id: string | null) => {
    const found = id ? people.get(id) : undefined;
    return found ? personView(found) : null;
  };
  return {
    id: task.id,
    alert: alert ? { id: alert.id, type: alert.type, rule: alert.rule } : null,
    kind: task.kind,
    owner: person(task.ownerId),
    dueAt: task.dueAt.toISOString(),
    status: task.status,
    note: task.note,
    doneAt: task.doneAt?.toISOString() ?? null,
    doneBy: person(task.doneById),
  };
}
