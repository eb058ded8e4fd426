import { Injectable } from '@nestjs/common';

/** Set when the process starts shutting down, before workers are closed: long jobs stop taking new work. */
@Injectable()
export class ShutdownState {
  private stopping = false;

  begin(): void {
    this.stopping = true;
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}
