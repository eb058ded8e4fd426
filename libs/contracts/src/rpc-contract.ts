/**
 * A NATS request between the gateway and a service: its pattern (unprefixed; see prefixed-nats.ts)
 * with the request body and the answer it carries. Both edges are declared with the same value,
 * so a mismatch between them is a compile error.
 */
export interface RpcContract<Req, Res> {
  readonly pattern: string;
  /**
   * How long the gateway waits for the answer; set-based bulk work (a plan publish for 10,000
   * people) takes longer than the default, and a caller told 503 while it commits would retry it.
   */
  readonly timeoutMs?: number;
  /** Types only, never set: a function type keeps Req contravariant and Res covariant. */
  readonly types?: (request: Req) => Res;
}

export function rpcContract<Req, Res>(pattern: string, options: { timeoutMs?: number } = {}): RpcContract<Req, Res> {
  return { pattern, ...options };
}

/** What the gateway waits for a bulk operation's answer (see RpcContract.timeoutMs). */
export const BULK_RPC_TIMEOUT_MS = 120_000;

export type RequestOf<C> = C extends RpcContract<infer Req, unknown> ? Req : never;
export type ResponseOf<C> = C extends RpcContract<never, infer Res> ? Res : never;

/** Who is asking, as the gateway authenticated them; roles come from the directory. */
export interface Caller {
  id: string;
  email: string;
  name: string;
  role: string;
}

/** What travels on the wire: the body beside who asks and the request's correlation id. */
export interface RpcRequest<T = unknown> {
  caller: Caller;
  correlationId: string;
  body: T;
}

/** The parameter of a service's handler for contract C. */
export type RpcRequestOf<C> = RpcRequest<RequestOf<C>>;
