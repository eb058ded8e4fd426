/** Who is asking, as the gateway authenticated them; roles come from the directory. */
export interface Caller {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface RpcRequest<T = unknown> {
  caller: Caller;
  correlationId: string;
  body: T;
}
