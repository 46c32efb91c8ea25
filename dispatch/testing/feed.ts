/** Listens to the real Redis feed channel in a test; returns the unsubscribe function. */
import { redisConnection } from '../../platform/queue/queue';
import { feedChannel } from '../../platform/feed';

export async function subscribeFeedForTest(onEvent: (e: any) => void): Promise<() => void> {
  const r = redisConnection();
  await r.subscribe(feedChannel());
  r.on('message', (_c: string, m: string) => onEvent(JSON.parse(m)));
  return () => { void r.quit(); };
}
