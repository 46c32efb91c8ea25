/** The outbox on IndexedDB (offline/db.ts): keys are auto-incremented, so reading in key order is the order actions were made. */
import { tx } from '../offline/db';
import type { Conflict, OutboxStore, QueuedEvent, QueuedFix } from './outbox';
import type { PositionFix } from '../../../web-shared/api/rider';

export class IdbOutboxStore implements OutboxStore {
  async addEvent(e: Omit<QueuedEvent, 'seq'>): Promise<QueuedEvent> {
    const seq = await tx('events', 'readwrite', (s) => s.add(e) as IDBRequest<number>);
    return { ...e, seq: seq! };
  }
  async events() { return (await tx('events', 'readonly', (s) => s.getAll() as IDBRequest<QueuedEvent[]>)) ?? []; }
  async deleteEvent(seq: number) { await tx('events', 'readwrite', (s) => s.delete(seq)); }
  async addFixes(f: PositionFix[]) {
    await tx('fixes', 'readwrite', (s) => { for (const fix of f) s.add({ fix }); });
  }
  async fixes() { return (await tx('fixes', 'readonly', (s) => s.getAll() as IDBRequest<QueuedFix[]>)) ?? []; }
  async deleteFixes(seqs: number[]) { await tx('fixes', 'readwrite', (s) => { for (const q of seqs) s.delete(q); }); }
  async addConflict(c: Omit<Conflict, 'seq'>) { await tx('conflicts', 'readwrite', (s) => s.add(c)); }
  async conflicts() { return (await tx('conflicts', 'readonly', (s) => s.getAll() as IDBRequest<Conflict[]>)) ?? []; }
  async deleteConflict(seq: number) { await tx('conflicts', 'readwrite', (s) => s.delete(seq)); }
}
