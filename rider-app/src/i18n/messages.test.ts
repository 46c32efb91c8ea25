import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';

const flat = (o: object, p = ''): Array<[string, string]> => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? flat(v, `${p}${k}.`) : [[`${p}${k}`, String(v)] as [string, string]]));

describe('rider message files', () => {
  it('zh-CN and en have the same keys with the same placeholders', () => {
    const enMap = new Map(flat(en));
    expect([...enMap.keys()].sort()).toEqual(flat(zhCN).map(([k]) => k).sort());
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [k, zh] of flat(zhCN)) expect(ph(zh), k).toEqual(ph(enMap.get(k)!));
  });
});
