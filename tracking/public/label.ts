/**
 * The bag label: a QR code of the tracking link, the recipient masked per the e-waybill standard
 * (张*, 138******78; COMPLIANCE 53), the order's code, the temperature class and the shipment id.
 * No drug names and no address (COMPLIANCE 52): the rider's app has the address.
 */
import QRCode from 'qrcode';
import type { ShipmentLabel } from '../../dispatch';
import { MESSAGES, type Lang } from './messages';
import { esc } from './render';

export const trackingUrl = (base: string, token: string) => `${base.replace(/\/+$/, '')}/t/${encodeURIComponent(token)}`;

/** Error correction M (15 %): survives a crease or a smudge and keeps the code small. */
export const qrSvg = (url: string) => QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
export const qrPng = (url: string) => QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 384 });

/** The order's code as printed: its first 8 characters, enough to find it by eye; the QR holds the rest. */
export const shortToken = (token: string) => `${token.slice(0, 4)}-${token.slice(4, 8)}`;

export async function labelHtml(l: ShipmentLabel, url: string, lang: Lang): Promise<string> {
  const m = MESSAGES[lang];
  const cls = ['frozen', 'chilled'].find((c) => l.coldClasses.includes(c)) ?? 'ambient';
  const qr = await qrSvg(url);
  const row = (k: string, v: string, big = false) => `<tr><th>${esc(k)}</th><td${big ? ' class="big"' : ''}>${esc(v)}</td></tr>`;
  return `<!doctype html><html lang="${m.htmlLang}"><head><meta charset="utf-8"><title>${esc(m.labelTitle)} ${esc(l.shipmentId)}</title><style>
@page{size:105mm 148mm;margin:4mm}*{box-sizing:border-box}body{margin:0;font:12pt/1.3 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#000}
.label{width:97mm;height:140mm;border:0.4mm solid #000;padding:4mm;display:flex;flex-direction:column;gap:3mm}
.qr svg{width:60mm;height:60mm;display:block;margin:0 auto}.scan{text-align:center;font-size:9pt}
table{border-collapse:collapse;width:100%}th{text-align:left;font-weight:400;font-size:9pt;padding:1mm 2mm 1mm 0;white-space:nowrap;vertical-align:top}td{font-size:12pt;padding:1mm 0}.big{font-size:18pt;font-weight:700}
.cls{border:0.6mm solid #000;text-align:center;font-size:16pt;font-weight:700;padding:1mm}.cold{background:#000;color:#fff}
@media screen{body{background:#eee;padding:8mm}.label{background:#fff;margin:0 auto}}</style></head><body><div class="label">`
    + `<div class="cls${cls === 'ambient' ? '' : ' cold'}">${esc(m.class[cls])}</div>`
    + `<div class="qr">${qr}</div><div class="scan">${esc(m.labelScan)}</div>`
    + `<table>${row(m.labelRecipient, l.recipient.name, true)}${row(m.labelPhone, l.recipient.phone, true)}${row(m.labelOrder, shortToken(l.token))}${row(m.labelShipment, l.shipmentId)}</table>`
    + `</div></body></html>`;
}
