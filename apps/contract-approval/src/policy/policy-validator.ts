import { parseApproverRef } from './approver-ref.js';
import {
  APPROVAL_MODES,
  type ApprovalMode,
  type ApprovalPolicyDocument,
  type ApproverEntrySpec,
  type ApproverRef,
  type StageSpec,
} from './policy.types.js';
import { findSlaProblem } from './sla-duration.js';
import { findWhenProblems } from './when-expression.js';

export interface PolicyFieldError {
  field: string;
  message: string;
}

export type PolicyValidationResult =
  | { ok: true; policy: ApprovalPolicyDocument }
  | { ok: false; errors: PolicyFieldError[] };

type JsonObject = Record<string, unknown>;

const POLICY_KEYS = ['reminderAt', 'stages'];
const STAGE_KEYS = ['name', 'when', 'approvers', 'mode', 'quorum', 'sla'];
const ENTRY_KEYS = ['approver', 'when'];

/**
 * Checks an approval policy document and returns a normalized copy (only known keys) or every
 * problem with its field path, e.g. `stages[2].approvers[1].approver`.
 * An empty `stages` list is valid: no stage ever applies, so every contract is approved at once.
 */
export function validatePolicy(input: unknown): PolicyValidationResult {
  if (!isJsonObject(input)) {
    return { ok: false, errors: [{ field: '(root)', message: 'must be a JSON object with reminderAt and stages' }] };
  }
  const errors: PolicyFieldError[] = [];
  reportUnknownKeys(input, POLICY_KEYS, '', errors);

  const reminderAt = input.reminderAt;
  if (reminderAt === undefined) errors.push({ field: 'reminderAt', message: 'is required' });
  else if (typeof reminderAt !== 'number' || !(reminderAt > 0 && reminderAt < 1)) {
    errors.push({ field: 'reminderAt', message: 'must be a number between 0 and 1 (exclusive): the fraction of the SLA at which to remind' });
  }

  const stages: StageSpec[] = [];
  if (!Array.isArray(input.stages)) {
    errors.push({ field: 'stages', message: 'must be an array of stages' });
  } else {
    input.stages.forEach((stage: unknown, i) => {
      const valid = validateStage(stage, `stages[${i}]`, errors);
      if (valid) stages.push(valid);
    });
    reportDuplicateNames(input.stages, errors);
  }

  if (errors.length > 0 || typeof reminderAt !== 'number') return { ok: false, errors };
  return { ok: true, policy: { reminderAt, stages } };
}

function validateStage(input: unknown, path: string, errors: PolicyFieldError[]): StageSpec | null {
  if (!isJsonObject(input)) {
    errors.push({ field: path, message: 'must be an object with name, when, approvers, mode and sla' });
    return null;
  }
  const before = errors.length;
  reportUnknownKeys(input, STAGE_KEYS, path, errors);

  const { name, when, mode, quorum, sla } = input;
  if (typeof name !== 'string' || name.trim() === '') {
    errors.push({ field: `${path}.name`, message: 'must be a non-empty string' });
  }
  reportWhenProblems(when, `${path}.when`, errors);
  const approvers = validateApprovers(input.approvers, `${path}.approvers`, errors);

  if (!isApprovalMode(mode)) {
    errors.push({ field: `${path}.mode`, message: `must be one of ${APPROVAL_MODES.join(', ')}` });
  } else if (mode === 'quorum') {
    if (quorum === undefined) {
      errors.push({ field: `${path}.quorum`, message: 'is required when mode is quorum' });
    } else if (typeof quorum !== 'number' || !Number.isInteger(quorum) || quorum < 1) {
      errors.push({ field: `${path}.quorum`, message: 'must be an integer of at least 1' });
    } else if (Array.isArray(input.approvers) && quorum > input.approvers.length) {
      errors.push({
        field: `${path}.quorum`,
        message: `asks a quorum of ${quorum}, larger than its ${input.approvers.length} approver entries`,
      });
    }
  } else if (quorum !== undefined) {
    errors.push({ field: `${path}.quorum`, message: 'is only allowed when mode is quorum' });
  }

  const slaProblem = findSlaProblem(sla);
  if (slaProblem) errors.push({ field: `${path}.sla`, message: slaProblem });

  if (errors.length > before || !approvers) return null;
  const stage: StageSpec = {
    name: name as string,
    when: when as string,
    approvers,
    mode: mode as ApprovalMode,
    sla: sla as string,
  };
  if (mode === 'quorum') stage.quorum = quorum as number;
  return stage;
}

function validateApprovers(
  input: unknown,
  path: string,
  errors: PolicyFieldError[],
): (ApproverRef | ApproverEntrySpec)[] | null {
  if (!Array.isArray(input) || input.length === 0) {
    errors.push({ field: path, message: 'must be a non-empty array of approver entries' });
    return null;
  }
  const before = errors.length;
  const entries: (ApproverRef | ApproverEntrySpec)[] = [];
  // Two entries with the same reference would ask one person twice and count twice towards a quorum.
  const firstIndexByRef = new Map<string, number>();

  input.forEach((entry: unknown, j) => {
    const entryPath = `${path}[${j}]`;
    let ref: unknown;
    let refPath: string;
    if (isJsonObject(entry)) {
      reportUnknownKeys(entry, ENTRY_KEYS, entryPath, errors);
      ref = entry.approver;
      refPath = `${entryPath}.approver`;
      if (entry.when !== undefined) reportWhenProblems(entry.when, `${entryPath}.when`, errors);
    } else if (typeof entry === 'string') {
      ref = entry;
      refPath = entryPath;
    } else {
      errors.push({ field: entryPath, message: 'must be an approver reference string or an object {approver, when?}' });
      return;
    }

    const parsed = ref === undefined ? null : parseApproverRef(ref);
    if (parsed === null) errors.push({ field: refPath, message: 'is required' });
    else if (!parsed.ok) errors.push({ field: refPath, message: parsed.message });
    else {
      const key = (ref as string).toLowerCase();
      const first = firstIndexByRef.get(key);
      if (first !== undefined) {
        errors.push({ field: refPath, message: `duplicates the approver of ${path}[${first}]` });
      } else {
        firstIndexByRef.set(key, j);
      }
    }

    if (isJsonObject(entry)) {
      const normalized: ApproverEntrySpec = { approver: ref as string };
      if (entry.when !== undefined) normalized.when = entry.when as string;
      entries.push(normalized);
    } else {
      entries.push(ref as string);
    }
  });

  return errors.length > before ? null : entries;
}

function reportWhenProblems(when: unknown, field: string, errors: PolicyFieldError[]): void {
  if (when === undefined) {
    errors.push({ field, message: 'is required' });
    return;
  }
  for (const message of findWhenProblems(when)) errors.push({ field, message });
}

function reportDuplicateNames(stages: unknown[], errors: PolicyFieldError[]): void {
  const firstIndexByName = new Map<string, number>();
  stages.forEach((stage, i) => {
    if (!isJsonObject(stage) || typeof stage.name !== 'string' || stage.name.trim() === '') return;
    const first = firstIndexByName.get(stage.name);
    if (first === undefined) firstIndexByName.set(stage.name, i);
    else errors.push({ field: `stages[${i}].name`, message: `duplicates the name of stages[${first}] ("${stage.name}")` });
  });
}

function reportUnknownKeys(input: JsonObject, known: string[], path: string, errors: PolicyFieldError[]): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) {
      errors.push({
        field: path ? `${path}.${key}` : key,
        message: `is not a known key (known keys: ${known.join(', ')})`,
      });
    }
  }
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isApprovalMode(value: unknown): value is ApprovalMode {
  return typeof value === 'string' && (APPROVAL_MODES as readonly string[]).includes(value);
}
