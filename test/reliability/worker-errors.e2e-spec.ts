import { jest } from '@jest/globals';
import { WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';
import { useTestSystem } from '../support/use-test-system.js';

/**
 * A BullMQ worker reports its own failures (Redis gone, a job's key removed under it) as 'error'
 * events. Without a listener BullMQ prints them with console.error as "Unhandled error" traces,
 * outside the structured log an operator reads; every queue's worker has one that logs them.
 */
describe('queue workers\u2019 own errors', () => {
  const system = useTestSystem({});

  it('guarantee: every worker of every queue has an error listener, and an error it emits goes to the log, not to console.error', async () => {
    const workers = system.app.get(DiscoveryService, { strict: false }).getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    expect(workers.length).toBeGreaterThanOrEqual(8);
    expect(workers.filter((host) => host.worker.listenerCount('error') === 0).map((host) => host.worker.name)).toEqual([]);

    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const host of workers) host.worker.emit('error', new Error('probe: a job key removed under the worker'));
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });
});
