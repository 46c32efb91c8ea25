import { describe, expect, it } from 'vitest';
import { buildTopic, lintTopic, parseTopic, subscriptionFilter } from './topics';
import type { TopicLintCode } from './topics';

describe('topics', () => {
  it('builds and parses every kind', () => {
    for (const kind of ['telemetry', 'birth', 'status'] as const) {
      const topic = buildTopic('box_0042', kind);
      expect(topic).toBe(`dt/coldchain/box/box_0042/${kind}`);
      expect(parseTopic(topic)).toEqual({ boxId: 'box_0042', kind });
      expect(lintTopic(topic)).toEqual([]);
    }
  });

  it.each([
    'dt/coldchain/box/box_0042/telemetry/extra',
    '/dt/coldchain/box/box_0042/telemetry',
    'dt/coldchain/box/BOX_0042/telemetry',
    'dt/coldchain/box/box-0042/telemetry',
    'dt/coldchain/box/box_/telemetry',
    'dt/coldchain/box/box_0042/cmd',
    'dt/coldchain/store/box_0042/telemetry',
    'dt/coldchain/box/+/telemetry',
  ])('parseTopic rejects %s', (t) => expect(parseTopic(t)).toBeNull());

  it('refuses to build a topic from an id that could carry PII', () => {
    expect(() => buildTopic('box_张三', 'telemetry')).toThrow();
    expect(() => buildTopic('13812345678', 'telemetry')).toThrow();
  });

  it('shared subscription filter for the ingest group', () => {
    expect(subscriptionFilter('telemetry', 'ingest')).toBe('$share/ingest/dt/coldchain/box/+/telemetry');
    expect(subscriptionFilter('+')).toBe('dt/coldchain/box/+/+');
  });

  const lint: Array<[string, TopicLintCode[]]> = [
    ['dt/coldchain/box/box_0042/telemetry', []],
    ['cmd/coldchain/box/box_0042/config', []],
    ['/dt/coldchain/box/box_0042/telemetry', ['leading_slash']],
    ['dt/coldchain/box/box_0042/telemetry/', ['trailing_slash', 'unknown_box_topic']],
    ['dt/coldchain//box_0042/telemetry', ['empty_level']],
    ['dt/ColdChain/box-0042/telemetry', ['uppercase']],
    ['dt/coldchain/store-1/张三/telemetry', ['non_ascii']],
    ['dt/coldchain/rider/13812345678/gps', ['pii_phone']],
    ['dt/coldchain/rider/a@b.cn/gps', ['pii_email']],
    ['dt/coldchain/box/#', ['wildcard', 'unknown_box_topic']],
    ['coldchain/box/box_0042/telemetry', ['bad_root']],
    ['dt/a/b/c/d/e/f/g', []],
    ['dt/a/b/c/d/e/f/g/h', ['too_deep']],
    ['dt/coldchain/box/box_0042/reading', ['unknown_box_topic']],
    ['', ['empty']],
  ];
  it.each(lint)('lintTopic(%j) → %j', (topic, codes) => expect(lintTopic(topic)).toEqual(codes));
});
