import type { Redis } from 'ioredis';

/** Redis's used_memory and how many keys lie under a run's queue prefix (what "Redis flat" is judged on). */
export async function redisUsage(redis: Redis, prefix: string): Promise<{ used: number; keys: number }> {
  const info = await redis.info('memory');
  const used = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
  let keys = 0;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys += found.length;
  } while (cursor !== '0');
  return { used, keys };
}
