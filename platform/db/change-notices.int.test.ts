/**
 * Change notices on the real database: a committed NOTIFY reaches the watchers of its channel
 * only, a rolled-back one never; a lost listener makes every watch not live and tells every
 * cache, and the listener comes back by itself.
 */
import { describe, it, expect, afterAll, vi } from 'vitest';
import { appDb } from './pool';
import { requireStack, uniq } from '../testing/harness';
import { changeListenerPid, closeChangeNotices, watchChanges } from './change-notices';

afterAll(() => closeChangeNotices());

describe('change notices', () => {
  it('a committed notice reaches its channel’s watchers; a rolled-back one and other channels’ do not', async () => {
    requireStack();
    const a = uniq('chg_a_'), b = uniq('chg_b_');
    const gotA: string[] = [], gotB: string[] = [];
    const wa = watchChanges(a, (p) => gotA.push(p));
    const wb = watchChanges(b, (p) => gotB.push(p));
    await vi.waitUntil(() => wa.live && wb.live, { timeout: 5000 });
    gotA.length = 0;
    gotB.length = 0;
    const epoch = wa.epoch;
    await appDb().query('SELECT pg_notify($1, $2)', [a, 'one']);
    const c = await appDb().connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_notify($1, $2)', [a, 'undone']);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    await appDb().query('SELECT pg_notify($1, $2)', [a, 'two']);
    await vi.waitUntil(() => gotA.length >= 2, { timeout: 5000 });
    expect(gotA).toEqual(['one', 'two']);
    expect(gotB).toEqual([]);
    expect(wa.epoch).toBe(epoch + 2);
  });

  it('a lost listener: nothing live, every watcher told; back by itself within its retry delay', async () => {
    const ch = uniq('chg_l_');
    const got: string[] = [];
    const w = watchChanges(ch, (p) => got.push(p));
    await vi.waitUntil(() => w.live, { timeout: 5000 });
    const pid = changeListenerPid()!;
    got.length = 0;
    await appDb().query('SELECT pg_terminate_backend($1)', [pid]);
    await vi.waitUntil(() => got.length > 0, { timeout: 5000 });
    expect(w.live).toBe(false);
    await vi.waitUntil(() => w.live, { timeout: 5000, interval: 50 });
    expect(changeListenerPid()).not.toBe(pid);
    await appDb().query('SELECT pg_notify($1, $2)', [ch, 'after']);
    await vi.waitUntil(() => got.includes('after'), { timeout: 5000 });
  });
});
