import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';

/** The broker account our own processes (ingest, api) use; its ACL covers dt/ and cmd/. */
export const SERVICE_USERNAME = 'coldchain-service';

/** Connects with MQTT 5 and resolves once CONNACK arrives (rejects on the first error). */
export function connectMqtt(opts: IClientOptions & { url?: string } = {}): Promise<MqttClient> {
  const url = opts.url ?? getKey(keys.mqttUrl);
  return new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { protocolVersion: 5, reconnectPeriod: 1000, connectTimeout: 10_000, ...opts });
    const onError = (e: Error) => { c.end(true); reject(e); };
    c.once('error', onError);
    c.once('connect', () => { c.off('error', onError); resolve(c); });
  });
}

export function connectService(opts: IClientOptions = {}): Promise<MqttClient> {
  return connectMqtt({ username: SERVICE_USERNAME, password: getKey(keys.mqttServicePassword), ...opts });
}
