import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseMismatch } from './response-check';

const S = z.object({ id: z.string(), tags: z.array(z.object({ k: z.string() })), meta: z.record(z.string(), z.unknown()), at: z.string().nullable() });

describe('responseMismatch', () => {
  it('accepts an answer that is exactly the schema (records keep their own keys)', () => {
    expect(responseMismatch(S, JSON.stringify({ id: 'a', tags: [{ k: 'x' }], meta: { anything: 1 }, at: null }))).toBeNull();
  });
  it('names a missing or mistyped field', () => {
    expect(responseMismatch(S, JSON.stringify({ id: 'a', tags: [], meta: {} }))).toContain('at:');
    expect(responseMismatch(S, JSON.stringify({ id: 1, tags: [], meta: {}, at: null }))).toContain('id:');
  });
  it('names fields the schema does not declare, nested too (zod would strip them silently)', () => {
    expect(responseMismatch(S, JSON.stringify({ id: 'a', tags: [{ k: 'x', v: 2 }], meta: {}, at: null, extra: true }))).toBe('undeclared field(s): tags[0].v, extra');
  });
});
