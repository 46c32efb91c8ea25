import { describe, it, expect } from 'vitest';
import { NOTIFICATION_KINDS, LANGUAGES } from './kinds';
import { formatEta, pickLanguage, renderMessage } from './render';
import { zhCN } from './messages-zh-cn';
import { en } from './messages-en';
import { trackingLink } from './config';

const LINK = 'https://track.example.cn/t/AbC123_tok';
// Names a template could leak if it ever took them in: drugs of the cold chain and a customer.
const DRUGS = ['胰岛素', 'insulin', 'glargine', '疫苗', 'vaccine', '生物制剂', 'biologic'];
const CUSTOMER = ['张三丰', '张', 'Zhang'];
const params = { link: LINK, code: '482913', reason: 'customer_absent', eta: '14:35' };

describe('customer messages', () => {
  for (const lang of LANGUAGES) {
    for (const kind of NOTIFICATION_KINDS) {
      it(`${kind} in ${lang}: the link, no drug or customer name, the code only when picked up`, () => {
        const text = renderMessage(kind, lang, params);
        expect(text).toContain(LINK);
        for (const w of [...DRUGS, ...CUSTOMER]) expect(text.toLowerCase()).not.toContain(w.toLowerCase());
        if (kind === 'picked_up') expect(text).toContain('482913');
        else expect(text).not.toContain('482913');
        // Written in its language: Chinese text in zh-CN, none in English.
        expect(/[\u4e00-\u9fff]/.test(text)).toBe(lang === 'zh-CN');
      });
    }
  }

  it('picked_up refuses to go out without a 6-digit code', () => {
    expect(() => renderMessage('picked_up', 'zh-CN', { link: LINK })).toThrow(/6-digit/);
    expect(() => renderMessage('picked_up', 'en', { link: LINK, code: '12345' })).toThrow(/6-digit/);
  });

  it('failed says the reason in plain words; an unknown code reads as a general failure', () => {
    expect(renderMessage('failed', 'en', { link: LINK, reason: 'wrong_address' })).toContain('the address was wrong');
    expect(renderMessage('failed', 'zh-CN', { link: LINK, reason: 'refused' })).toContain('订单被拒收');
    expect(renderMessage('failed', 'en', { link: LINK, reason: 'constructor' })).toContain('the delivery could not be completed');
    expect(renderMessage('failed', 'zh-CN', { link: LINK })).toContain('配送未能完成');
  });

  it('delayed shows the new time when known, excursion_review says not to use it', () => {
    expect(renderMessage('delayed', 'zh-CN', params)).toContain('预计 14:35 送达');
    expect(renderMessage('delayed', 'en', { link: LINK })).not.toContain('expected at');
    expect(renderMessage('excursion_review', 'en', params)).toMatch(/QA is reviewing it.*do not use it/);
    expect(renderMessage('excursion_review', 'zh-CN', params)).toMatch(/质量人员正在评估.*不要使用/);
  });

  it('both languages have the same kinds and reasons', () => {
    expect(Object.keys(en.kinds).sort()).toEqual(Object.keys(zhCN.kinds).sort());
    expect(Object.keys(en.reasons).sort()).toEqual(Object.keys(zhCN.reasons).sort());
  });

  it('the language is the order\'s when we have it, else zh-CN', () => {
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('EN')).toBe('en');
    expect(pickLanguage('zh-Hant')).toBe('zh-CN');
    expect(pickLanguage('fr')).toBe('zh-CN');
    expect(pickLanguage(null)).toBe('zh-CN');
  });

  it('times in the facility\'s zone, 24 h', () => {
    expect(formatEta(new Date('2024-05-01T06:35:00Z'), 'Asia/Shanghai')).toBe('14:35');
  });

  it('the link is <TRACKING_PUBLIC_BASE_URL>/t/<token>, else PUBLIC_BASE_URL, else localhost:<HTTP_PORT>', () => {
    expect(trackingLink('tok', { TRACKING_PUBLIC_BASE_URL: 'https://t.example.cn/', PUBLIC_BASE_URL: 'https://x' })).toBe('https://t.example.cn/t/tok');
    expect(trackingLink('tok', { PUBLIC_BASE_URL: 'https://x.example.cn' })).toBe('https://x.example.cn/t/tok');
    expect(trackingLink('tok', { HTTP_PORT: '18115' })).toBe('http://localhost:18115/t/tok');
  });
});
