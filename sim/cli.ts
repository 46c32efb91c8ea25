/**
 * `npm run sim -- --drill cold-chain-failure`: runs the drill against a running stack (the dev
 * stack of `npm start` by default) and exits 0 when every step passed, 1 otherwise.
 *
 * `npm run sim -- --day --seed 1 --speed 1 [--hours N]`: the simulated day (sim/day/runner.ts);
 * writes result.json and report.html under .stack/<profile>/sim/<run>/ (SIM_OUT_DIR moves it).
 * Rates: --orders-per-day, --riders, --facilities, --cold-share, --compressor-faults,
 * --battery-faults (per box per day). The customers read their codes from SIM_SMS_SINK_URL (the
 * sink `npm run sim -- --sinks` runs; the workers send there), else their tracking page.
 *
 * --demo (what `npm start` runs): demo alarm contacts when none are set, and the riders the
 * simulator does not drive go offline (the demo seeds them all online).
 *
 * `npm run sim -- --sinks`: the local SMS sink (SIM_SMS_PORT, default 18025) and SMTP catcher
 * (SIM_SMTP_PORT, default 18026) the demo's notifications go to; GET /messages lists them.
 *
 * Where: SIM_API_URL (default http://127.0.0.1:$HTTP_PORT, 8080), MQTT_URL (default
 * mqtt://127.0.0.1:$MQTT_PORT, 11883). Who: SIM_ADMIN_USERNAME / SIM_ADMIN_PASSWORD, else the
 * admin line of $STACK_DIR/demo-accounts.txt (.stack/dev). SMS: the drill listens on
 * SIM_SMS_PORT (default 18025) as the SMS provider; start the worker with
 * ALARM_SMS_URL=http://127.0.0.1:18025/sms so the alarm's messages reach it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { runDrill } from './drill';
import { SmsSink, RemoteSmsSink, remoteInbox } from './sms-sink';
import { MailSink } from './mail-sink';
import { DayRunner, writeReport } from './day';

const DRILLS = ['cold-chain-failure'] as const;

function adminAccount(): { username: string; password: string } {
  if (process.env.SIM_ADMIN_USERNAME && process.env.SIM_ADMIN_PASSWORD) return { username: process.env.SIM_ADMIN_USERNAME, password: process.env.SIM_ADMIN_PASSWORD };
  const file = path.join(process.env.STACK_DIR ?? '.stack/dev', 'demo-accounts.txt');
  const line = existsSync(file) ? readFileSync(file, 'utf8').split('\n').find((l) => /^admin\s/.test(l)) : undefined;
  if (!line) throw new Error(`no admin account: set SIM_ADMIN_USERNAME and SIM_ADMIN_PASSWORD, or run npm start (it writes ${file})`);
  const [, username, password] = line.trim().split(/\s+/);
  return { username, password };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      drill: { type: 'string' }, day: { type: 'boolean' }, sinks: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      demo: { type: 'boolean' }, seed: { type: 'string' }, speed: { type: 'string' }, hours: { type: 'string' }, forever: { type: 'boolean' },
      'orders-per-day': { type: 'string' }, riders: { type: 'string' }, facilities: { type: 'string' }, 'cold-share': { type: 'string' },
      'compressor-faults': { type: 'string' }, 'report-door': { type: 'boolean' }, 'battery-faults': { type: 'string' },
    },
    strict: true,
  });
  if (values.sinks) return runSinks();
  if (values.day) return runDay(values);
  if (values.help || !values.drill) {
    console.log(`usage: npm run sim -- --drill <${DRILLS.join('|')}>
       npm run sim -- --day [--seed 1] [--speed 1] [--hours N | --forever] [--demo] [--orders-per-day 2000] [--riders 12]
                         [--facilities fac_a,fac_b] [--cold-share 0.25] [--compressor-faults 0.3] [--battery-faults 0.1] [--report-door]
       npm run sim -- --sinks`);
    return values.help ? 0 : 1;
  }
  if (!(DRILLS as readonly string[]).includes(values.drill)) {
    console.error(`unknown drill "${values.drill}": one of ${DRILLS.join(', ')}`);
    return 1;
  }
  // The demo's sink when `npm start` runs one on that port (its workers send there), else our own.
  const port = Number(process.env.SIM_SMS_PORT ?? 18025);
  const sms = await SmsSink.start(port).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE') throw e;
    return RemoteSmsSink.connect(`http://127.0.0.1:${port}/sms`);
  });
  try {
    const t0 = Date.now();
    const r = await runDrill({
      baseUrl: baseUrl(), mqttUrl: mqttUrl(),
      admin: adminAccount(), sms,
    });
    console.log(r.ok ? `drill: cold-chain-failure passed, ${r.steps.length} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `drill: cold-chain-failure failed at ${r.failed!.step}`);
    return r.ok ? 0 : 1;
  } finally {
    await sms.close();
  }
}

const baseUrl = () => process.env.SIM_API_URL ?? `http://127.0.0.1:${process.env.HTTP_PORT ?? 8080}`;
const mqttUrl = () => process.env.MQTT_URL ?? `mqtt://127.0.0.1:${process.env.MQTT_PORT ?? 11883}`;

/** A number option, refused with a message a person understands when it is not one. */
function numberOf(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} ${v}: give a number from ${min} to ${max}`);
  return n;
}

async function runDay(v: Record<string, string | boolean | undefined>): Promise<number> {
  const str = (k: string) => v[k] as string | undefined;
  const hours = v.forever ? Infinity : numberOf('hours', str('hours'), 0.01, 24 * 365) ?? 24;
  const runner = new DayRunner({
    baseUrl: baseUrl(), mqttUrl: mqttUrl(), admin: adminAccount(), seed: str('seed') ?? 1, speed: numberOf('speed', str('speed'), 0.01, 1000) ?? 1, hours,
    day: { ordersPerDay: numberOf('orders-per-day', str('orders-per-day'), 0, 1_000_000), coldShare: numberOf('cold-share', str('cold-share'), 0, 1) },
    maxRiders: numberOf('riders', str('riders'), 1, 10_000), facilities: str('facilities')?.split(',').filter(Boolean),
    faults: { compressorPerDay: numberOf('compressor-faults', str('compressor-faults'), 0, 1) ?? 0.3, batteryPerDay: numberOf('battery-faults', str('battery-faults'), 0, 1) ?? 0.1 },
    inbox: process.env.SIM_SMS_SINK_URL ? remoteInbox(process.env.SIM_SMS_SINK_URL) : undefined, demoContacts: Boolean(v.demo), offDutyOthers: Boolean(v.demo), reportDoor: Boolean(v['report-door']),
  });
  // Started with the stack (npm start): the API answers once its road graph and pool are warm.
  for (let i = 0; i < 360; i++) {
    if (await fetch(`${baseUrl()}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = () => { console.log('sim: stopping (riders off duty, boxes offline)…'); runner.stop(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const r = await runner.run();
  const dir = path.join(process.env.SIM_OUT_DIR ?? path.join(process.env.STACK_DIR ?? '.stack/dev', 'sim'), r.runId);
  mkdirSync(dir, { recursive: true });
  const out = writeReport(dir, r);
  const t = (r.kpis as { totals?: Record<string, unknown> } | null)?.totals ?? {};
  console.log(`sim: day ${r.runId} done in ${r.wallS} s: ${r.counters.ordersPlaced} orders placed, ${r.counters.delivered} delivered, ${r.counters.failed} failed; KPIs: ${JSON.stringify(t)}`);
  console.log(`sim: report ${out.html}`);
  return 0;
}

/** The demo's notification sinks, until stopped. */
async function runSinks(): Promise<number> {
  const sms = await SmsSink.start(Number(process.env.SIM_SMS_PORT ?? 18025));
  const mail = await MailSink.start(sms, Number(process.env.SIM_SMTP_PORT ?? 18026));
  console.log(`sinks: SMS ${sms.url}, e-mail ${mail.url}, list ${sms.url.replace(/\/sms$/, '/messages')}`);
  await new Promise<void>((r) => { process.once('SIGINT', r); process.once('SIGTERM', r); });
  await Promise.all([sms.close(), mail.close()]);
  return 0;
}

main().then((code) => process.exit(code), (e: unknown) => { console.error(`sim: ${(e as Error).message}`); process.exit(1); });
