import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../web-shared/api/client';
import { setLocale } from '../../../../web-shared/i18n';
import { apiErrorText } from './api-error';

// setLocale writes localStorage and <html lang>; outside a browser, keep both in memory.
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
  document: { documentElement: { lang: '' } },
});

describe('apiErrorText', () => {
  it('says what to do next for each kind of failure, in the page language', () => {
    setLocale('en');
    expect(apiErrorText(new ApiError(0, 'network_error', 'x'))).toBe('The server cannot be reached. Check the network, then try again.');
    expect(apiErrorText(new ApiError(400, 'reason_required', 'needs a reason'))).toMatch(/needs a reason of at least 3 characters/);
    expect(apiErrorText(new ApiError(403, 'other_store', 'A partner account may only see its own store.'))).toBe(
      'Your account may not do this (A partner account may only see its own store.). Ask an admin for the right role.');
    expect(apiErrorText(new ApiError(404, 'box_not_found', 'No box box_x.'))).toMatch(/Refresh the list/);
    expect(apiErrorText(new ApiError(409, 'duplicate', 'exists'))).toMatch(/Refresh and try again/);
    expect(apiErrorText(new ApiError(503, 'broker_unavailable', 'mqtt down'))).toMatch(/mqtt down.*tell operations/);
    expect(apiErrorText(new ApiError(500, 'internal', 'boom'))).toMatch(/boom.*Try again/);
    setLocale('zh-CN');
    expect(apiErrorText(new ApiError(0, 'network_error', 'x'))).toBe('无法连接服务器。请检查网络后重试。');
  });

  it('names the fields validation refused', () => {
    setLocale('en');
    const e = new ApiError(400, 'validation_failed', 'The body is not valid.', { issues: [{ path: ['username'], message: '3–50 lowercase letters' }, { path: ['password'], message: 'too short' }] });
    expect(apiErrorText(e)).toBe('Some input was not accepted: The body is not valid. (username: 3–50 lowercase letters; password: too short) Correct it and save again.');
    const named = new ApiError(400, 'validation_failed', 'Invalid body: body.username — 3–50 lowercase letters', { issues: [{ path: ['username'], message: '3–50 lowercase letters' }] });
    expect(apiErrorText(named)).toBe('Some input was not accepted: Invalid body: body.username — 3–50 lowercase letters Correct it and save again.');
  });
});
