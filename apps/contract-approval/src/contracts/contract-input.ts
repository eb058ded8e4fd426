/** A contract as submitted or resubmitted (shape validated at the gateway). */
export interface ContractInput {
  customerId?: string;
  customerName: string;
  title: string;
  amount: number;
  currency: string;
  discountPct: number;
  paymentTermDays: number;
  productLine?: string;
  region?: string;
}

export type DecisionInput = { decision: 'approve' | 'reject' | 'request_changes'; comment?: string };
