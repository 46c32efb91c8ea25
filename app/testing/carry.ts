/**
 * The stack a delivery test carries a cold box on: the api with every route, an ingest that
 * stores the box's readings (app/'s telemetry ports), a service MQTT client to publish them as
 * the box would, and a dispatcher. With `boxReadings`, a box pre-cools through the real ingest.
 */
import type { MqttClient } from 'mqtt';
import { appDb } from '../../platform/db/pool';
import { connectService } from '../../platform/mqtt/client';
import { makeUser, startTestApi, uniq, type TestApi, type TestUser } from '../../platform/testing/harness';
import { startIngestService, type RunningIngest } from '../../telemetry/ingest';
import { telemetryPayload, topicOf, waitFor } from '../../telemetry/testing/fakes';
import { routeModules } from '../modules';
import { telemetryPorts } from '../telemetry-ports';

export interface CarryStack { api: TestApi; ingest: RunningIngest; pub: MqttClient; dispatcher: TestUser; close(): Promise<void> }

export async function startCarryStack(): Promise<CarryStack> {
  const api = await startTestApi(routeModules);
  const ingest = await startIngestService(telemetryPorts, { clientId: uniq('ingest-'), shareGroup: uniq('g'), metricsPort: null, sessionExpiryS: 60, batchWaitMs: 5 });
  const pub = await connectService({ clientId: uniq('pub-') });
  const dispatcher = await makeUser('dispatcher');
  return {
    api, ingest, pub, dispatcher,
    async close() {
      await pub.endAsync();
      await ingest.close();
      await api.close();
    },
  };
}

const storedReadings = async (boxId: string): Promise<number> =>
  (await appDb().query(`SELECT count(*)::int AS n FROM telemetry.readings WHERE box_id = $1`, [boxId])).rows[0].n;

/** The box reports `minutes` of readings at `celsius` up to now, as its buffer would (all but the last `hist`), and they are stored. */
export async function boxReadings(pub: MqttClient, boxId: string, minutes: number, celsius = 5): Promise<void> {
  const now = Date.now();
  const rs = Array.from({ length: minutes + 1 }, (_, i) => ({ ts: now - (minutes - i) * 60_000, t: [celsius, celsius], hist: i < minutes }));
  const before = await storedReadings(boxId);
  await pub.publishAsync(topicOf(boxId), telemetryPayload(boxId, rs), { qos: 1 });
  await waitFor(async () => (await storedReadings(boxId)) >= before + minutes + 1);
}
