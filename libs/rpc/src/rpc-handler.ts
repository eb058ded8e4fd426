import { MessagePattern } from '@nestjs/microservices';
import type { RpcContract, RpcRequest } from '#libs/contracts';

type HandlerOf<Req, Res> = (request: RpcRequest<Req>) => Res | Promise<Res>;

/**
 * Marks a method as the service's answer to a contract. The method must take the contract's
 * request and answer its response, so the gateway and the service cannot drift apart silently.
 */
export function RpcHandler<Req, Res>(contract: RpcContract<Req, Res>) {
  return <M extends HandlerOf<Req, Res>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    MessagePattern(contract.pattern)(target, key, descriptor);
  };
}
