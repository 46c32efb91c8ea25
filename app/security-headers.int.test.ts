/**
 * Security headers on every surface the api serves (issue 24): the API's JSON, the console, the
 * rider app and the customer's tracking page. Nothing may be framed or sniffed; only the rider app
 * may ask for the camera and the position, and only for itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startTestApi, type TestApi } from '../platform/testing/harness';
import { WEB_DIST } from '../platform/http/static-ui';
import { routeModules } from './modules';
import { consoleMount } from './api';
import { trackingPage } from './tracking';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(routeModules, [consoleMount(), trackingPage]); });
afterAll(async () => { await api?.close(); });

const policy = (h: string | null) => Object.fromEntries((h ?? '').split(',').map((p) => p.trim().split('=') as [string, string]));

describe('security headers', () => {
  it('every answer: nosniff, no referrer, never framed, no device access unless the page needs it', async () => {
    if (!existsSync(path.join(WEB_DIST, 'rider-app/index.html'))) throw new Error('the web apps are not built: npm test builds them');
    const answers = {
      health: await fetch(`${api.url}/healthz`),
      unauthenticated: await fetch(`${api.url}/api/v1/orders`),
      unknownRoute: await fetch(`${api.url}/api/v1/no-such-route`),
      console: await fetch(`${api.url}/console/`),
      rider: await fetch(`${api.url}/rider/`),
      tracking: await fetch(`${api.url}/t/no-such-token`),
    };
    expect([answers.health.status, answers.unauthenticated.status, answers.unknownRoute.status, answers.console.status, answers.rider.status, answers.tracking.status]).toEqual([200, 401, 404, 200, 200, 404]);
    for (const [name, r] of Object.entries(answers)) {
      expect(r.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(r.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(r.headers.get('x-frame-options'), name).toBe('DENY');
      const p = policy(r.headers.get('permissions-policy'));
      expect(p.microphone, name).toBe('()');
      if (name !== 'rider') expect([p.camera, p.geolocation], name).toEqual(['()', '()']);
    }
    expect(policy(answers.rider.headers.get('permissions-policy'))).toMatchObject({ camera: '(self)', geolocation: '(self)' });
    for (const page of ['console', 'rider', 'tracking'] as const) {
      expect(answers[page].headers.get('content-security-policy'), page).toMatch(/frame-ancestors 'none'/);
      expect(answers[page].headers.get('content-security-policy'), page).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
  });
});
