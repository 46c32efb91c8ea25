/**
 * The ports app/ gives telemetry adapt dispatch's public face (dispatch/index.ts) against the
 * real database: an unknown box is null (its data is dead-lettered), and has no custody.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { requireStack, uniq } from '../platform/testing/harness';
import { telemetryPorts } from './telemetry-ports';

beforeAll(() => requireStack());

describe('telemetry ports (dispatch)', () => {
  it('answers for an unknown box', async () => {
    const ports = telemetryPorts;
    const box = uniq('box_');
    expect(await ports.boxInfo(box)).toBeNull();
    expect(await ports.custodyAt(box, new Date())).toEqual([]);
  });
});
