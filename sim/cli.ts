/**
 * `npm run sim -- --drill cold-chain-failure`: runs the drill against a running stack (the dev
 * stack of `npm start` by default) and exits 0 when every step passed, 1 otherwise.
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
import { runDrill } from './drill';
import { SmsSink } from './sms-sink';

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
  const { values } = parseArgs({ options: { drill: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help || !values.drill) {
    console.log(`usage: npm run sim -- --drill <${DRILLS.join('|')}>\n(the city day, KPIs and roster comparison are not built yet)`);
    return values.help ? 0 : 1;
  }
  if (!(DRILLS as readonly string[]).includes(values.drill)) {
    console.error(`unknown drill "${values.drill}": one of ${DRILLS.join(', ')}`);
    return 1;
  }
  const sms = await SmsSink.start(Number(process.env.SIM_SMS_PORT ?? 18025));
  try {
    const t0 = Date.now();
    const r = await runDrill({
      baseUrl: process.env.SIM_API_URL ?? `http://127.0.0.1:${process.env.HTTP_PORT ?? 8080}`,
      mqttUrl: process.env.MQTT_URL ?? `mqtt://127.0.0.1:${process.env.MQTT_PORT ?? 11883}`,
      admin: adminAccount(), sms,
    });
    console.log(r.ok ? `drill: cold-chain-failure passed, ${r.steps.length} steps in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `drill: cold-chain-failure failed at ${r.failed!.step}`);
    return r.ok ? 0 : 1;
  } finally {
    await sms.close();
  }
}

main().then((code) => process.exit(code), (e: unknown) => { console.error(`drill: ${(e as Error).message}`); process.exit(1); });
