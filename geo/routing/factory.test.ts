import { describe, expect, it } from 'vitest';
import { routingConfig } from '../config';
import { createRoutingEngine } from './factory';

describe('createRoutingEngine', () => {
  const db = { query: async () => ({ rows: [] }) } as never;
  it('defaults to pgRouting', () => {
    expect(createRoutingEngine(db, routingConfig({})).name).toBe('pgrouting');
  });
  it('uses OSRM when OSRM_URL is set', async () => {
    const cfg = routingConfig({ OSRM_URL: 'http://127.0.0.1:5000', OSRM_MAX_TABLE_SIZE: '50', ROUTING_MAX_SNAP_M: '200' });
    expect(cfg).toMatchObject({ osrmUrl: 'http://127.0.0.1:5000', osrmMaxTableSize: 50, maxSnapM: 200, contraction: true });
    const e = createRoutingEngine(db, cfg);
    expect(e.name).toBe('osrm');
    await e.close?.();
  });
  it('rejects bad settings by name', () => {
    expect(() => routingConfig({ OSRM_MAX_TABLE_SIZE: '1' })).toThrow(/OSRM_MAX_TABLE_SIZE/);
  });
});
