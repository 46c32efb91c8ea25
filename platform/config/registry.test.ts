import { describe, it, expect } from 'vitest';
import { defineKey, getKey, ConfigError, parseValue, describeKeys } from './registry';

describe('config registry', () => {
  const port = defineKey({ context: 'test', env: 'TEST_CFG_PORT', type: 'int', default: 80, min: 1, max: 65535, unit: 'port', doc: 'a port' });
  const flag = defineKey({ context: 'test', env: 'TEST_CFG_FLAG', type: 'bool', default: false, doc: 'a flag' });
  const req = defineKey<string>({ context: 'test', env: 'TEST_CFG_REQ', type: 'url', doc: 'a required url' });
  const mode = defineKey({ context: 'test', env: 'TEST_CFG_MODE', type: 'enum', values: ['a', 'b'], default: 'a', doc: 'a mode' });

  it('uses the default, and the environment overrides it', () => {
    expect(getKey(port, {})).toBe(80);
    expect(getKey(port, { TEST_CFG_PORT: '8081' })).toBe(8081);
    expect(getKey(flag, { TEST_CFG_FLAG: 'yes' })).toBe(true);
    expect(getKey(mode, { TEST_CFG_MODE: 'b' })).toBe('b');
  });

  it('a bad value names the setting and what was expected', () => {
    expect(() => getKey(port, { TEST_CFG_PORT: 'eighty' })).toThrow(/TEST_CFG_PORT="eighty": expected an integer ≥ 1 ≤ 65535/);
    expect(() => getKey(port, { TEST_CFG_PORT: '70000' })).toThrow(ConfigError);
    expect(() => getKey(flag, { TEST_CFG_FLAG: 'maybe' })).toThrow(/expected true or false/);
    expect(() => getKey(mode, { TEST_CFG_MODE: 'c' })).toThrow(/one of a, b/);
    expect(() => getKey(req, { TEST_CFG_REQ: 'not a url' })).toThrow(/expected a URL/);
  });

  it('a missing required setting is an error; declaring a key twice is refused', () => {
    expect(() => getKey(req, {})).toThrow(/missing setting TEST_CFG_REQ/);
    expect(() => defineKey({ context: 'test', env: 'TEST_CFG_PORT', type: 'int', default: 1, doc: 'again' })).toThrow(/declared twice/);
  });

  it('parses lists and numbers; describes every key without printing secrets', () => {
    expect(parseValue({ context: 't', env: 'X', type: 'list', doc: '' }, 'a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(() => parseValue({ context: 't', env: 'X', type: 'number', doc: '' }, 'NaN')).toThrow();
    defineKey({ context: 'test', env: 'TEST_CFG_SECRET', type: 'string', secret: true, doc: 'secret' });
    const rows = describeKeys({ TEST_CFG_SECRET: 'hunter2', TEST_CFG_PORT: 'bad' });
    expect(rows.find((r) => r.env === 'TEST_CFG_SECRET')!.current).toBe('<set>');
    expect(JSON.stringify(rows)).not.toContain('hunter2');
    expect(rows.find((r) => r.env === 'TEST_CFG_PORT')!.current).toMatch(/^INVALID/);
  });
});
