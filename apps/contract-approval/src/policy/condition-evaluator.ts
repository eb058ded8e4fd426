import { compileExpression } from 'filtrex';
import type { ContractFacts } from './policy.types.js';

export interface ConditionOutcome {
  holds: boolean;
  /** Set when the expression did not yield a boolean (e.g. `region in ("EU")` with a null region). */
  error: string | null;
}

type CompiledCondition = (data: Readonly<Record<string, unknown>>) => unknown;

// Keyed by expression text: the compiled function depends on nothing else, and policies are few.
const compiled = new Map<string, CompiledCondition>();

function compile(expression: string): CompiledCondition {
  let condition = compiled.get(expression);
  if (!condition) {
    try {
      condition = compileExpression(expression);
    } catch (error) {
      const message = (error as { message?: unknown } | null)?.message;
      throw new Error(`approval policy condition "${expression}" does not compile (validate policies first): ${String(message ?? error)}`, { cause: error });
    }
    compiled.set(expression, condition);
  }
  return condition;
}

/**
 * Evaluates a validated `when` expression. filtrex returns (not throws) run-time errors; such a
 * condition counts as holding, so a contract is never let through without approval because a
 * rule could not be evaluated.
 */
export function evaluateCondition(expression: string, facts: ContractFacts): ConditionOutcome {
  const data = {
    amount: facts.amount,
    discountPct: facts.discountPct,
    paymentTermDays: facts.paymentTermDays,
    currency: facts.currency,
    productLine: facts.productLine ?? null,
    region: facts.region ?? null,
  };
  const result = compile(expression)(data);
  if (typeof result === 'boolean') return { holds: result, error: null };
  const message = (result as { message?: unknown } | null)?.message;
  return {
    holds: true,
    error: typeof message === 'string' ? message : `expected true or false, got ${JSON.stringify(result)}`,
  };
}

export function describeOutcome(outcome: ConditionOutcome): string {
  return outcome.error === null ? String(outcome.holds) : `could not be evaluated (${outcome.error}), counted as true`;
}
