/**
 * A simulated refrigerated box: it connects to the broker with its own credentials (client id =
 * username = box id, README "Telemetry") and publishes `coldbox.telemetry/1` readings from a
 * simple thermal model. (Birth and status messages are the city-day simulator's: the drill needs
 * only readings.)
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

  static async connect(mqttUrl: string, creds: { username: string; password: string; clientId: string }): Promise<SimBox> {
    const client = await mqtt.connectAsync(mqttUrl, {
      protocolVersion: 5, clientId: creds.clientId, username: creds.username, password: creds.password, clean: true, reconnectPeriod: 0,
    });
    return new SimBox(creds.username, client);
  }

  /** Publishes readings (one live reading, or a buffered batch with hist: true); resolves at PUBACK. */
  async publish(readings: Array<{ ts: number; t: number; hist?: boolean; door?: boolean }>): Promise<number> {
    const payload = JSON.stringify({
      schema: 'coldbox.telemetry/1', boxId: this.boxId, fw: '1.4.2', seq: ++this.seq, sentAt: Date.now(),
      readings: readings.map((r) => ({ ts: r.ts, t: [Math.round(r.t * 100) / 100], door: r.door ?? false, batt: 80, hist: r.hist ?? false })),
    });
    await this.client.publishAsync(`dt/coldchain/box/${this.boxId}/telemetry`, payload, { qos: 1 });
    return Date.now();
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}
