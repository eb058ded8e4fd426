import { HttpException, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { firstValueFrom, timeout } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { Caller, RpcContract } from '#libs/contracts';
import { natsRequestDuration } from '#libs/metrics';
import { PrefixedNatsClient, UNAVAILABLE, errorCodeForStatus, isRpcErrorBody } from '#libs/rpc';

const REQUEST_TIMEOUT_MS = 15_000;

/** Sends a request to the owning service over NATS and turns its domain errors back into HTTP. */
@Injectable()
export class ServiceClient implements OnApplicationShutdown {
  private readonly client: PrefixedNatsClient;
  private readonly logger = new Logger(ServiceClient.name);

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new PrefixedNatsClient(config.QUEUE_PREFIX, { servers: [config.NATS_URL] });
  }

  async call<Req, Res>(contract: RpcContract<Req, Res>, caller: Caller | null, correlationId: string, body: NoInfer<Req>): Promise<Res> {
    const timed = natsRequestDuration.startTimer({ pattern: contract.pattern });
    try {
      const answer = await firstValueFrom(
        this.client.send<Res>(contract.pattern, { caller, correlationId, body }).pipe(timeout(contract.timeoutMs ?? REQUEST_TIMEOUT_MS)),
      );
      timed({ outcome: 'ok' });
      return answer;
    } catch (error) {
      timed({ outcome: isRpcErrorBody(error) ? String(error.status) : 'unavailable' });
      if (isRpcErrorBody(error)) {
        const code = error.code ?? errorCodeForStatus(error.status);
        throw new HttpException({ statusCode: error.status, code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) }, error.status);
      }
      // The transport's message names the subject (and so the service and the prefix): logged, not answered.
      this.logger.warn(`No answer to ${contract.pattern}: ${(error as Error).message ?? String(error)}`);
      throw new HttpException({ statusCode: 503, code: UNAVAILABLE.code, message: UNAVAILABLE.message }, 503);
    }
  }

  async ping(contract: RpcContract<Record<string, never>, unknown>): Promise<void> {
    await firstValueFrom(this.client.send(contract.pattern, {}).pipe(timeout(2000)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
