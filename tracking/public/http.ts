/**
 * The customer's tracking page (`/t/:token`, HTML, a koa middleware outside /api/v1), its JSON
 * (`GET /api/v1/public/track/:token`) and the bag label (`GET /api/v1/shipments/:id/label`).
 * Unknown and expired links get one identical 404 after the same work (COMPLIANCE 57); every
 * public answer is rate-limited per client address with counters in Redis.
 */
import type Koa from 'koa';
import type { ParameterizedContext } from 'koa';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { appDb } from '../../platform/db/pool';
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { route, schemas, type RouteModule } from '../../platform/http/route';
import { phoneLast4Matches, shipmentLabel } from '../../dispatch';
import { STATES } from '../lifecycle/machine';
import { publicKeys } from './config';
import { enforceRateLimit, hit } from '../../platform/http/rate-limit';
import { VERIFIED_COOKIE, isVerified, signVerified } from './cookie';
import { pickLang } from './messages';
import { MAP_SPAN_M, NOT_FOUND_PAGE, PAGE_CSP, renderPage, tooManyPage, type MapPicture } from './render';
import { mapFrame, tilePath } from './svg';
import { deliveryCodes, lookupToken, trackingView, type PublicTrackingDeps, type TrackingView } from './view';
import { labelHtml, qrPng, qrSvg, trackingUrl } from './label';
import { createHash } from 'node:crypto';

export interface PublicTrackingOptions {
  /** Limits instead of the configured ones (tests). */
  limits?: Partial<{ pagePerMin: number; jsonPerMin: number; verifyPerHour: number; verifyTriesPerHour: number }>;
  /** Separates rate-limit counters of API instances sharing one Redis (tests). */
  scope?: string;
}

function limits(o: PublicTrackingOptions) {
  return {
    pagePerMin: o.limits?.pagePerMin ?? getKey(publicKeys.pageRatePerMin),
    jsonPerMin: o.limits?.jsonPerMin ?? getKey(publicKeys.jsonRatePerMin),
    verifyPerHour: o.limits?.verifyPerHour ?? getKey(publicKeys.verifyRatePerHour),
    verifyTriesPerHour: o.limits?.verifyTriesPerHour ?? getKey(publicKeys.verifyTriesPerHour),
  };
}

const NOT_FOUND_JSON = { error: { code: 'tracking_not_found', message: 'No tracking page for this link: it is unknown or has expired.', details: null } };

/** Road lines for each carried shipment's map, within the span the map draws. */
/** Each carried shipment's map: its frame, and the roads of the frame's tiles. */
async function mapsFor(view: TrackingView, deps: PublicTrackingDeps): Promise<Record<string, MapPicture>> {
  const out: Record<string, MapPicture> = {};
  for (const s of view.shipments) {
    if (!s.map || !deps.roadTile) continue;
    const frame = mapFrame(s.map.destination, s.map.rider, MAP_SPAN_M);
    const tiles = await Promise.all(frame.tiles.map(async (t) => ({ ...t, d: tilePath(await deps.roadTile!(frame.z, t.x, t.y)) })));
    out[s.id] = { frame, tiles };
  }
  return out;
}

/** The JSON's shape, also its OpenAPI schema: states, times, classes, the badge, no PII. */
export const TrackingJson = z.object({
  orderStatus: z.string(),
  deliveryMode: z.string(),
  ended: z.boolean(),
  shipments: z.array(z.object({
    id: z.string(),
    state: z.enum(STATES),
    eta: z.string().nullable(),
    window: z.object({ start: z.string().nullable(), end: z.string() }),
    temperatureClass: z.enum(['chilled', 'frozen', 'ambient']),
    coldChain: z.object({
      status: z.enum(['kept_in_range', 'no_record', 'under_review', 'released', 'rejected']),
      limits: z.object({ low: z.number(), high: z.number() }).meta({ description: '°C' }),
      readings: z.number().int(),
      curve: z.array(z.object({ at: z.string(), min: z.number(), max: z.number() })).meta({ description: 'At most 100 time slices, each with its lowest and highest probe value (°C)' }),
    }).nullable(),
    map: z.object({
      rider: z.object({ lat: z.number(), lng: z.number(), at: z.string() }).nullable(),
      destination: z.object({ lat: z.number(), lng: z.number() }),
    }).nullable().meta({ description: 'Only while the shipment is carried (picked_up, in_transit, arriving); positions rounded to 0.001° (~100 m)' }),
    storage: z.array(z.object({ temperatureClass: z.string(), rx: z.boolean() })),
  })),
});

function tooMany(ctx: ParameterizedContext, retryAfterS: number, lang: ReturnType<typeof pickLang>): void {
  ctx.status = 429;
  ctx.set('Retry-After', String(retryAfterS));
  ctx.type = 'html';
  ctx.body = tooManyPage(lang, retryAfterS);
}

/** The API routes: the public JSON and the label. */
export function publicTrackingModule(deps: PublicTrackingDeps, opts: PublicTrackingOptions = {}): RouteModule {
  const scope = opts.scope ?? 'api';
  return {
    name: 'tracking-public',
    routes: [
      route({
        method: 'get', path: '/public/track/:token', operationId: 'getPublicTracking', summary: 'What the customer tracking page shows, as JSON (no personal data, no drug names)', tags: ['tracking'], access: 'public',
        params: z.object({ token: z.string().max(200) }), response: TrackingJson,
        errors: { 404: { codes: ['tracking_not_found'] }, 429: { codes: ['rate_limited'] } },
        async handler({ params }, rc) {
          const lim = limits(opts);
          await enforceRateLimit(rc.koa, `${scope}:json`, lim.jsonPerMin, 60, 'tracking requests');
          rc.koa.set('Cache-Control', 'no-store');
          const found = await lookupToken(params.token);
          const view = found.found ? await trackingView(found.orderId, deps) : null;
          if (!view) return { status: 404, body: NOT_FOUND_JSON };
          return { body: view };
        },
      }),
      route({
        method: 'get', path: '/shipments/:id/label', operationId: 'getShipmentLabel', summary: 'Printable bag label (HTML, A6) or its QR code alone (format=svg|png): tracking link, masked recipient, no drug names', tags: ['tracking'],
        access: ['admin', 'dispatcher', 'partner'], produces: ['text/html', 'image/svg+xml', 'image/png'],
        errors: { 403: { codes: ['forbidden'] }, 404: { codes: ['shipment_not_found'] } },
        params: z.object({ id: schemas.id('shp') }),
        query: z.object({ format: z.enum(['html', 'svg', 'png']).default('html'), lang: z.enum(['zh-CN', 'en']).optional() }),
        async handler({ params, query }, rc) {
          const l = await shipmentLabel(appDb(), params.id);
          if (!l) throw new AppError('not_found', 'shipment_not_found', `No shipment ${params.id}.`);
          if (rc.user?.role === 'partner' && rc.user.facilityId !== l.facilityId) {
            throw new AppError('forbidden', 'forbidden', `Shipment ${params.id} is not from your store.`);
          }
          const base = getKey(keys.publicBaseUrl) || `${rc.koa.protocol}://${rc.koa.host}`;
          const url = trackingUrl(base, l.token);
          const ctx = rc.koa;
          ctx.set('Cache-Control', 'no-store');
          if (query.format === 'svg') {
            ctx.type = 'image/svg+xml';
            ctx.body = await qrSvg(url);
          } else if (query.format === 'png') {
            ctx.type = 'image/png';
            ctx.body = await qrPng(url);
          } else {
            ctx.type = 'html';
            ctx.body = await labelHtml(l, url, query.lang ?? pickLang(undefined, ctx.get('accept-language')));
          }
        },
      }),
    ],
  };
}

async function formBody(ctx: ParameterizedContext, limit = 1024): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of ctx.req) {
    size += (c as Buffer).length;
    if (size > limit) throw new AppError('payload_too_large', 'payload_too_large', `Request body is larger than ${limit} bytes.`, { limit });
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const PATH = /^\/t\/([^/]{1,200})(\/verify)?\/?$/;

/**
 * The page itself, mounted as plain koa middleware (app.ts's `extra`): `GET /t/:token` and the
 * phone check `POST /t/:token/verify` (a plain form, so it works without JavaScript).
 */
export function publicTrackingPage(deps: PublicTrackingDeps, opts: PublicTrackingOptions = {}): (app: Koa) => void {
  const scope = opts.scope ?? 'api';
  return (app) => {
    app.use(async (ctx, next) => {
      const m = PATH.exec(ctx.path);
      if (!m) return next();
      let token: string;
      try { token = decodeURIComponent(m[1]); } catch { token = m[1]; }
      const verifying = Boolean(m[2]);
      const lang = pickLang(ctx.query.lang, ctx.get('accept-language'));
      const lim = limits(opts);
      ctx.state.routePath = verifying ? '/t/:token/verify' : '/t/:token';
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Security-Policy', PAGE_CSP);
      const method = ctx.method;
      if (verifying ? method !== 'POST' : method !== 'GET' && method !== 'HEAD') {
        ctx.status = 405;
        ctx.set('Allow', verifying ? 'POST' : 'GET, HEAD');
        return;
      }

      const rl = verifying ? await hit(`${scope}:verify`, ctx.ip, lim.verifyPerHour, 3600) : await hit(`${scope}:page`, ctx.ip, lim.pagePerMin, 60);
      if (!rl.ok) return tooMany(ctx, rl.retryAfterS, lang);

      const found = await lookupToken(token);
      if (!found.found) {
        ctx.status = 404;
        ctx.type = 'html';
        ctx.body = NOT_FOUND_PAGE;
        return;
      }
      const base = `/t/${encodeURIComponent(token)}`;

      if (verifying) {
        const form = await formBody(ctx);
        // Four digits are 10,000 guesses: tries are counted per link, from any address.
        const tries = await hit(`${scope}:tries`, createHash('sha256').update(token).digest('base64url'), lim.verifyTriesPerHour, 3600);
        if (!tries.ok) return tooMany(ctx, tries.retryAfterS, lang);
        const last4 = (form.get('last4') ?? '').trim();
        const ok = await phoneLast4Matches(appDb(), found.orderId, last4);
        if (ok) {
          const ttlMs = getKey(publicKeys.verifiedMinutes) * 60_000;
          ctx.cookies.set(VERIFIED_COOKIE, signVerified(token, Date.now() + ttlMs), {
            path: base, httpOnly: true, sameSite: 'lax', secure: getKey(keys.cookieSecure), maxAge: ttlMs, overwrite: true,
          });
        }
        ctx.status = 303;
        ctx.redirect(`${base}?lang=${lang}${ok ? '' : '&e=1'}`);
        return;
      }

      const view = await trackingView(found.orderId, deps);
      if (!view) {
        ctx.status = 404;
        ctx.type = 'html';
        ctx.body = NOT_FOUND_PAGE;
        return;
      }
      const verified = !view.ended && isVerified(token, ctx.cookies.get(VERIFIED_COOKIE));
      const [codes, maps] = await Promise.all([verified ? deliveryCodes(view, deps) : Promise.resolve(undefined), mapsFor(view, deps)]);
      ctx.type = 'html';
      ctx.set('Content-Language', lang);
      ctx.set('Vary', 'Accept-Language, Cookie');
      ctx.body = renderPage(view, lang, { token, codes, maps, verifyError: ctx.query.e === '1' ? 'wrong' : null });
    });
  };
}
