/**
 * The default ports adapt dispatch's public face (dispatch/index.ts) against the real
 * database: an unknown box is null (its data is dead-lettered), and has no custody.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { requireStack, uniq } from '../platform/testing/harness';
import { defaultPorts } from './ports';

beforeAll(() => requireStack());

describe('default ports (dispatch)', () => {
  it('answers for an unknown box', async () => {
    const ports = await defaultPorts();
    const box = uniq('box_');
    expect(await ports.boxInfo(box)).toBeNull();
    expect(await ports.custodyAt(box, new Date())).toEqual([]);
  });
});
