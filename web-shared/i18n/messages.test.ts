import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';

const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${p}${k}.`) : [`${p}${k}`])).sort();

describe('message files', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en)).toEqual(keys(zhCN));
  });
  it('use the same placeholders in each message', () => {
    const flat = (o: object, p = ''): Array<[string, string]> => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? flat(v, `${p}${k}.`) : [[`${p}${k}`, String(v)] as [string, string]]));
    const enMap = new Map(flat(en));
    for (const [k, zh] of flat(zhCN)) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(zh), k).toEqual(ph(enMap.get(k)!));
    }
  });
});
