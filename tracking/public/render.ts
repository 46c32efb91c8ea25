/**
 * The tracking page as one HTML document: inline CSS and SVG, no script, no external request
 * (the Content-Security-Policy set with it forbids any), so it works with JavaScript off and
 * stays well under 60 kB on a cheap phone.
 */
import { getKey } from '../../platform/config/registry';
import { keys } from '../../platform/config/keys';
import { MESSAGES, type Lang } from './messages';
import { curveSvg, mapFrame, mapSvg, type MapFrame } from './svg';
import type { ShipmentView, TrackingView } from './view';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** No script, no remote anything: styles and pictures are inline, forms post to this site. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1d1d1f;background:#f5f5f7}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;background:#0b5394;color:#fff}h1{font-size:18px;margin:0}header a{color:#fff}
main{max-width:480px;margin:0 auto;padding:8px 12px 24px}.card{background:#fff;border-radius:12px;padding:14px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:15px;color:#555;margin:0 0 4px;font-weight:600}.status{font-size:20px;font-weight:700;margin:0 0 4px}.muted{color:#666;font-size:14px;margin:4px 0}
.badge{display:inline-block;border-radius:8px;padding:6px 10px;font-weight:600;margin:8px 0 4px}.ok{background:#e8f5e9;color:#1b5e20}.warn{background:#fff3e0;color:#bf360c}.bad{background:#ffebee;color:#b71c1c}.none{background:#eceff1;color:#37474f}
svg{display:block;width:100%;height:auto;margin:6px 0}.map{border-radius:8px}form{display:flex;gap:8px;flex-wrap:wrap;align-items:end}label{display:block;font-size:14px;color:#444}
input{font-size:20px;width:7em;padding:6px 8px;letter-spacing:.2em;border:1px solid #bbb;border-radius:8px}button{font-size:16px;padding:8px 16px;border:0;border-radius:8px;background:#0b5394;color:#fff}
.code{font-size:32px;font-weight:700;letter-spacing:.25em}.err{color:#b71c1c}footer{color:#777;font-size:12px;text-align:center;padding:0 16px 24px}`;

const BADGE_CLASS = { kept_in_range: 'ok', no_record: 'none', under_review: 'warn', released: 'ok', rejected: 'bad' } as const;

function timeFmt(lang: Lang, now: Date) {
  const tz = getKey(keys.defaultTimeZone);
  const hm = new Intl.DateTimeFormat(lang, { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const md = new Intl.DateTimeFormat(lang, { timeZone: tz, month: 'numeric', day: 'numeric' });
  const today = md.format(now);
  return (iso: string | null): string => {
    if (!iso) return '';
    const d = new Date(iso);
    const day = md.format(d);
    return day === today ? hm.format(d) : `${day} ${hm.format(d)}`;
  };
}

export interface MapPicture { frame: MapFrame; tiles: Array<{ x: number; y: number; lines: Array<Array<[number, number]>> }> }

/** The map a carried shipment shows: at least this wide around the door. */
export const MAP_SPAN_M = 1200;

export interface PageExtras {
  token: string;
  /** Shown after a passed phone check: delivery codes per open shipment. */
  codes?: Record<string, string | null>;
  verifyError?: 'wrong' | null;
  /** Per shipment id, its map's frame and the roads of the frame's tiles. */
  maps?: Record<string, MapPicture>;
  now?: Date;
}

function shell(lang: Lang, title: string, body: string, switchHref: string | null): string {
  const m = MESSAGES[lang];
  const sw = switchHref ? `<a href="${esc(switchHref)}" hreflang="${lang === 'en' ? 'zh-CN' : 'en'}">${m.switchTo}</a>` : '';
  return `<!doctype html><html lang="${m.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${esc(title)}</title><style>${CSS}</style></head>`
    + `<body><header><h1>${esc(title)}</h1>${sw}</header><main>${body}</main><footer>${esc(m.privacy)}</footer></body></html>`;
}

function shipmentCard(s: ShipmentView, i: number, n: number, lang: Lang, x: PageExtras, ended: boolean, fmt: (iso: string | null) => string): string {
  const m = MESSAGES[lang];
  const parts: string[] = [`<section class="card"><h2>${esc(m.parcel(i + 1, n))} · ${esc(m.class[s.temperatureClass])}</h2><p class="status">${esc(m.state[s.state])}</p>`];
  const done = ['delivered', 'collected', 'returned', 'cancelled'].includes(s.state);
  if (!done) {
    const promised = m.promised(s.window.start ? fmt(s.window.start) : null, fmt(s.window.end));
    parts.push(`<p class="muted">${esc(s.eta ? `${m.eta(fmt(s.eta))} · ${promised}` : promised)}</p>`);
  }
  if (s.map) {
    const pic = x.maps?.[s.id] ?? { frame: mapFrame(s.map.destination, s.map.rider, MAP_SPAN_M), tiles: [] };
    parts.push(mapSvg({ destination: s.map.destination, rider: s.map.rider, ...pic }, { title: m.mapTitle, rider: m.mapRider, destination: m.mapDestination }));
    parts.push(`<p class="muted">${esc(s.map.rider ? m.mapNote : m.mapNoRider)}</p>`);
  }
  if (s.coldChain) {
    const c = s.coldChain;
    parts.push(`<p class="badge ${BADGE_CLASS[c.status]}">${esc(m.badge[c.status](c.limits, done || ended))}</p>`);
    if (c.curve.length) {
      parts.push(curveSvg(c.curve, c.limits, { title: m.curveTitle(c.limits), limits: '', from: fmt(c.curve[0].at), to: fmt(c.curve[c.curve.length - 1].at) }));
      parts.push(`<p class="muted">${esc(m.curveTitle(c.limits))} · ${esc(m.readings(c.readings))}</p>`);
    }
  }
  if (x.codes && s.id in x.codes) {
    const code = x.codes[s.id];
    parts.push(code ? `<p>${esc(m.code)}</p><p class="code">${esc(code)}</p><p class="muted">${esc(m.codeHelp)}</p>` : `<p class="muted">${esc(m.codeNone)}</p>`);
  }
  if (x.codes && s.storage.length) {
    const classes = [...new Set(s.storage.map((g) => g.temperatureClass))];
    parts.push(`<h2>${esc(m.guidanceTitle)}</h2>` + classes.map((c) => `<p>${esc(m.guidance[c] ?? m.guidance.ambient)}</p>`).join('')
      + (s.storage.some((g) => g.rx) ? `<p>${esc(m.rx)}</p>` : '') + `<p class="muted">${esc(m.guidanceNote)}</p>`);
  }
  parts.push('</section>');
  return parts.join('');
}

/** The whole tracking page. */
export function renderPage(view: TrackingView, lang: Lang, x: PageExtras): string {
  const m = MESSAGES[lang];
  const fmt = timeFmt(lang, x.now ?? new Date());
  const base = `/t/${encodeURIComponent(x.token)}`;
  const other = lang === 'en' ? 'zh-CN' : 'en';
  const cards = view.shipments.length
    ? view.shipments.map((s, i) => shipmentCard(s, i, view.shipments.length, lang, x, view.ended, fmt)).join('')
    : `<section class="card"><p class="status">${esc(m.noShipments)}</p></section>`;
  const verify = x.codes ? '' : `<section class="card"><h2>${esc(m.verifyTitle)}</h2><p class="muted">${esc(m.verifyHelp)}</p>`
    + (x.verifyError ? `<p class="err" role="alert">${esc(m.verifyWrong)}</p>` : '')
    + `<form method="post" action="${esc(`${base}/verify?lang=${lang}`)}"><div><label for="last4">${esc(m.verifyLabel)}</label>`
    + `<input id="last4" name="last4" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" minlength="4" autocomplete="off" required></div><button type="submit">${esc(m.verifyButton)}</button></form></section>`;
  return shell(lang, m.title, cards + (view.ended ? '' : verify), `${base}?lang=${other}`);
}

/** The one answer for an unknown, malformed and expired link alike: both languages, no variables. */
export const NOT_FOUND_PAGE = shell('zh-CN', `${MESSAGES['zh-CN'].notFoundTitle} · ${MESSAGES.en.notFoundTitle}`, '', null);

export function tooManyPage(lang: Lang, retryAfterS: number): string {
  const m = MESSAGES[lang];
  return shell(lang, m.tooManyTitle, `<section class="card"><p>${esc(m.tooMany(Math.max(1, Math.ceil(retryAfterS / 60))))}</p></section>`, null);
}
