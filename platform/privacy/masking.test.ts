import { describe, expect, it } from 'vitest';
import { maskAddress, maskName, maskPhone, maskRecipient } from './masking';

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李小龙', '李**'],
    ['王', '*'],
    ['  张三 ', '张*'],
    ['John Smith', 'J*** *****'],
    ['阿卜杜·热合曼', '阿**·***'],
    ['𠮷野家', '𠮷**'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('always hides at least one character', () => {
    for (const n of ['张', '张三', 'Li', 'A']) {
      expect(maskName(n)).toContain('*');
    }
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138******78'],
    ['+86 13812345678', '+86 138******78'],
    ['+86 138-1234-5678', '+86 138******78'],
    ['020-87654321', '020-******21'],
    ['0755-2345678', '0755-******8'],
    ['010-87654321 转 123', '010-******21-***'],
    ['+1 415 555 0100', '+* *** *** **00'],
    ['12345', '*****'],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('hides at least 6 digits of every number with ≥6 digits', () => {
    for (const p of ['13812345678', '020-87654321', '0755-2345678', '+86 13912345678', '5551234567']) {
      expect((maskPhone(p).match(/\*/g) ?? []).length).toBeGreaterThanOrEqual(6);
    }
  });
});

describe('maskAddress', () => {
  it.each([
    ['广州市天河区天河路385号太古汇一座2单元1503室', '广州市天河区天河路385号太古汇*座*单元****室'],
    ['广东省广州市天河区中山大道西89号B栋1203房', '广东省广州市天河区中山大道西89号*栋****房'],
    ['天河区林和街道体育西路103号维多利广场A塔3201', '天河区林和街道体育西路103号维多利广场*塔****'],
    ['天河区石牌村8巷12号302', '天河区石牌村8巷12号***'],
    ['天河区华景新城12栋801', '天河区华景新城**栋***'],
    ['Flat 12B, 34 Harbour Road, Wan Chai', 'Flat ***, 34 Harbour Road, Wan Chai'],
    ['Room 1503, Tower 2, 1 Main St', 'Room ****, Tower *, 1 Main St'],
    ['10 Anson Road #12-34', '10 Anson Road #*****'],
  ])('%s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('never leaves a room number visible', () => {
    expect(maskAddress('天河路1号1503室')).not.toContain('1503');
    expect(maskAddress('某小区5栋2单元701')).not.toMatch(/701|5栋|2单元/);
  });
});

describe('maskRecipient', () => {
  it('masks all three fields', () => {
    expect(maskRecipient({ name: '张三', phone: '13812345678', address: '天河区天河路385号2单元1503室' })).toEqual({
      name: '张*',
      phone: '138******78',
      address: '天河区天河路385号*单元****室',
    });
  });
});
