import { describeOutcome, evaluateCondition } from './condition-evaluator.js';
import type {
  ApprovalPolicyDocument,
  ApproverEntrySpec,
  ApproverRef,
  ContractFacts,
  SelectedEntry,
  SelectedStage,
  StageSpec,
} from './policy.types.js';

function toEntrySpec(entry: ApproverRef | ApproverEntrySpec): ApproverEntrySpec {
  return typeof entry === 'string' ? { approver: entry } : entry;
}

function selectEntries(stage: StageSpec, facts: ContractFacts): SelectedEntry[] {
  const entries: SelectedEntry[] = [];
  stage.approvers.forEach((raw, index) => {
    const entry = toEntrySpec(raw);
    if (entry.when === undefined || evaluateCondition(entry.when, facts).holds) {
      entries.push({ index, ref: entry.approver });
    }
  });
  return entries;
}

/**
 * The route for a contract: the stages whose `when` holds, in policy order, each with the entries
 * whose own `when` holds. A stage whose entries all filter out is skipped (nobody is left to ask).
 * For mode 'quorum' the quorum is capped at the number of entries left, so it stays reachable.
 * Expects a policy that passed validatePolicy.
 */
export function selectStages(policy: ApprovalPolicyDocument, facts: ContractFacts): SelectedStage[] {
  const route: SelectedStage[] = [];
  for (const stage of policy.stages) {
    if (!evaluateCondition(stage.when, facts).holds) continue;
    const entries = selectEntries(stage, facts);
    if (entries.length === 0) continue;
    route.push({
      position: route.length,
      name: stage.name,
      mode: stage.mode,
      quorum: stage.mode === 'quorum' ? Math.min(stage.quorum ?? entries.length, entries.length) : null,
      sla: stage.sla,
      entries,
    });
  }
  return route;
}

/** One sentence for the audit trail saying why each stage did (not) apply to these facts. */
export function explainAutoApproval(policy: ApprovalPolicyDocument, facts: ContractFacts): string {
  if (policy.stages.length === 0) return 'No stage applied: the policy has no stages.';
  const applied = selectStages(policy, facts).map((stage) => stage.name);
  const reasons = policy.stages.map((stage) => {
    const outcome = evaluateCondition(stage.when, facts);
    const head = `${stage.name} (${stage.when}) ${describeOutcome(outcome)}`;
    if (!outcome.holds) return head;
    const entries = stage.approvers.map(toEntrySpec).map((entry) =>
      entry.when === undefined
        ? `${entry.approver} always`
        : `${entry.approver} (${entry.when}) ${describeOutcome(evaluateCondition(entry.when, facts))}`,
    );
    return applied.includes(stage.name) ? head : `${head} but no approver entry applied: ${entries.join(', ')}`;
  });
  const prefix = applied.length === 0 ? 'No stage applied' : `Stages applied (${applied.join(', ')})`;
  return `${prefix}: ${reasons.join('; ')}`;
}

/** Each stage's name and condition, for telling people when a stage is required. */
export function describeThresholds(policy: ApprovalPolicyDocument): { stage: string; when: string }[] {
  return policy.stages.map((stage) => ({ stage: stage.name, when: stage.when }));
}
