import { Injectable } from '@nestjs/common';

/**
 * Wakes the relay right after a commit that wrote outbox rows, so a transition does not wait
 * for the next poll. Other processes rely on their own poll interval.
 */
@Injectable()
export class OutboxSignal {
  private listeners = new Set<() => void>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
