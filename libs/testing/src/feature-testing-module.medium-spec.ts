import { Injectable, Module } from '@nestjs/common';
import { JOBS, QUEUES } from '#libs/queue';
import { JobDispatcher, OnJob, queueProcessor, QueueRegistry } from '#libs/workflow';
import { featureTestingModule, type FeatureTestingModule } from './feature-testing-module.js';

/** One handler of a queue that carries four jobs: a service split into features looks like this. */
@Injectable()
class ReminderFeature {
  @OnJob(JOBS.complaintRemind)
  async remind(): Promise<'done'> {
    return 'done';
  }
}

@Module({ providers: [ReminderFeature, queueProcessor(QUEUES.followUpUrgent, { concurrency: 1 })] })
class ReminderFeatureModule {}

describe('featureTestingModule (the medium tier itself)', () => {
  let t: FeatureTestingModule;

  beforeAll(async () => {
    t = await featureTestingModule({ imports: [ReminderFeatureModule] });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts a feature that consumes a queue whose other jobs belong to features left out', () => {
    expect(t.get(JobDispatcher)).toBeDefined();
    expect(t.get(ReminderFeature)).toBeDefined();
  });

  it('gives the feature a real database of its own, migrated, and no Redis', async () => {
    expect(t.config.DATABASE_URL).toBe(t.db.url);
    expect(await t.prisma.timer.count()).toBe(0);
    expect(t.config.REDIS_URL).toBe('redis://127.0.0.1:1');
    expect(() => t.get(QueueRegistry).get(QUEUES.followUpUrgent)).toThrow(/medium tier does not connect/);
  });
});
