export type { Caller, RpcRequest } from '#libs/contracts';
