/**
 * A simulated refrigerated box: it connects to the broker with its own credentials (client id =
 * username = box id, README "Telemetry") and publishes `coldbox.telemetry/1` readings from a
 * simple thermal model. The city day's boxes also announce themselves as the contract says: a
 * birth message after each connect and a retained `online` status, with `offline` as the broker's
 * last will (so a box that drops off the network shows as offline without saying so).
 */
import mqtt, { type MqttClient } from 'mqtt';

/**
 * Box air temperature after its compressor stops (Newton's law of cooling): from `fromC` towards
 * the ambient `ambientC` with time constant `tauS` seconds. A cold box with the lid shut and
 * insulin inside warms over tens of minutes; the drill compresses time by using a short `tauS`.
 */
export function warmingC(fromC: number, ambientC: number, tauS: number, elapsedS: number): number {
  return ambientC - (ambientC - fromC) * Math.exp(-elapsedS / tauS);
}

export class SimBox {
  private seq = 0;
  private constructor(readonly boxId: string, private readonly client: MqttClient) {}

  static async connect(mqttUrl: string, creds: { username: string; password: string; clientId: string }, opts: { lastWill?: boolean } = {}): Promise<SimBox> {
    const status = `dt/coldchain/box/${creds.username}/status`;
    const client = await mqtt.connectAsync(mqttUrl, {
      protocolVersion: 5, clientId: creds.clientId, username: creds.username, password: creds.password, clean: true, reconnectPeriod: 0,
      ...(opts.lastWill ? { will: { topic: status, payload: Buffer.from('offline'), qos: 1 as const, retain: true } } : {}),
    });
    if (opts.lastWill) await client.publishAsync(status, 'online', { qos: 1, retain: true });
    return new SimBox(creds.username, client);
  }

  /** The birth message (coldbox.birth/1): sample interval, probes, clock offset. */
  async birth(sampleIntervalS: number): Promise<void> {
    const payload = JSON.stringify({ schema: 'coldbox.birth/1', boxId: this.boxId, fw: '1.4.2', sampleIntervalS, clockOffsetMs: 0, probes: [{ id: 'p0', position: 'product' }], sentAt: Date.now() });
    await this.client.publishAsync(`dt/coldchain/box/${this.boxId}/birth`, payload, { qos: 1 });
  }

  /** Publishes readings (one live reading, or a buffered batch with hist: true); resolves at PUBACK. */
  async publish(readings: Array<{ ts: number; t: number; hist?: boolean; door?: boolean | null; batt?: number }>): Promise<number> {
    const payload = JSON.stringify({
      schema: 'coldbox.telemetry/1', boxId: this.boxId, fw: '1.4.2', seq: ++this.seq, sentAt: Date.now(),
      // door null: a box without a lid switch (the field left out).
      readings: readings.map((r) => ({ ts: r.ts, t: [Math.round(r.t * 100) / 100], ...(r.door === null ? {} : { door: r.door ?? false }), batt: r.batt ?? 80, hist: r.hist ?? false })),
    });
    await this.client.publishAsync(`dt/coldchain/box/${this.boxId}/telemetry`, payload, { qos: 1 });
    return Date.now();
  }

  /** Disconnects; `offline` first says it is a clean goodbye (the last will is for the unclean kind). */
  async close(offline = false): Promise<void> {
    if (offline) await this.client.publishAsync(`dt/coldchain/box/${this.boxId}/status`, 'offline', { qos: 1, retain: true }).catch(() => undefined);
    await this.client.endAsync();
  }
}
