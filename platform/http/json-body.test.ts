import { describe, it, expect } from 'vitest';
import { jsonDepth, serializeBody, withJsonText } from './json-body';

describe('serializeBody', () => {
  it('is JSON.stringify for bodies without recorded texts', () => {
    for (const b of [{ a: 1, b: [1, 2], c: { d: 'x' }, u: undefined }, [1, { a: 2 }], 'text', 3, null, {}]) {
      expect(serializeBody(b)).toBe(JSON.stringify(b));
    }
  });

  it('splices a recorded text in place of the value; the result parses to the same object', () => {
    const decision = { status: 'single', candidates: [{ facilityId: 'fac_1', eta: '2026-11-23T04:00:00.000Z' }] };
    const text = JSON.stringify(decision);
    const body = { id: 'ord_1', decision: withJsonText(decision, text), items: [{ line: 1 }], none: undefined };
    const out = serializeBody(body);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(body)));
    expect(out).toContain(`"decision":${text}`);
    // The value itself was not serialised again: its recorded text is what goes out.
    const stale = withJsonText({ n: 1 }, '{"n":2}');
    expect(JSON.parse(serializeBody({ x: stale }))).toEqual({ x: { n: 2 } });
  });

  it('handles a body of recorded values only, and odd keys', () => {
    const a = withJsonText({ v: 1 }, '{"v":1}');
    expect(JSON.parse(serializeBody({ 'k"ey': a }))).toEqual({ 'k"ey': { v: 1 } });
    expect(JSON.parse(serializeBody({ a, b: withJsonText([1], '[1]') }))).toEqual({ a: { v: 1 }, b: [1] });
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings, escapes included', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"}')).toBe(1);
    expect(jsonDepth('{"a":"\\\"[[["}')).toBe(1);
    expect(jsonDepth('[' .repeat(10_000) + ']'.repeat(10_000))).toBe(10_000);
  });
});
