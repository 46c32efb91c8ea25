/**
 * Per-box broker credentials through Mosquitto's dynamic-security plugin: commands are
 * JSON on `$CONTROL/dynamic-security/v1`, answers on `.../response`. Managed at run time by
 * any API process, with no password file to rewrite and no reload.
 *
 * Each box gets a client (username = client id = box id, so a second connection with the
 * same id takes over rather than duplicating) and a role of its own whose ACL allows
 * publishing only under `dt/coldchain/box/<boxId>/` and subscribing only to its commands.
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { AppError } from '../errors';
import { idPattern } from '../ids';
import { connectMqtt, SERVICE_USERNAME } from './client';
import { getKey } from '../config/registry';
import { keys } from '../config/keys';

const CONTROL = '$CONTROL/dynamic-security/v1';

export const BOX_ID_RE = idPattern('box');

export const boxTopics = (boxId: string) => ({
  publish: `dt/coldchain/box/${boxId}/#`,
  commands: `cmd/coldchain/box/${boxId}/#`,
});

interface Command { command: string; [k: string]: unknown }
interface Response { command: string; error?: string; data?: unknown; correlationData?: string }

export class DynsecAdmin {
  private seq = 0;
  private pending = new Map<string, { resolve: (r: Response) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  private constructor(private readonly client: MqttClient) {
    client.on('message', (topic, payload) => {
      if (topic !== `${CONTROL}/response`) return;
      let msg: { responses?: Response[] };
      try { msg = JSON.parse(payload.toString()); } catch { return; }
      for (const r of msg.responses ?? []) {
        const p = r.correlationData ? this.pending.get(r.correlationData) : undefined;
        if (!p) continue;
        clearTimeout(p.timer);
        this.pending.delete(r.correlationData!);
        p.resolve(r);
      }
    });
  }

  static async connect(url?: string): Promise<DynsecAdmin> {
    const client = await connectMqtt({
      url, username: getKey(keys.mqttAdminUsername), password: getKey(keys.mqttAdminPassword),
      clientId: `dynsec-admin-${randomBytes(6).toString('hex')}`, reconnectPeriod: 2000,
    });
    await client.subscribeAsync(`${CONTROL}/response`, { qos: 1 });
    return new DynsecAdmin(client);
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }

  /** Sends commands in one message; resolves with one response per command. */
  async run(commands: Command[], timeoutMs = 10_000): Promise<Response[]> {
    const withIds = commands.map((c) => ({ ...c, correlationData: `c${++this.seq}` }));
    const waits = withIds.map((c) => new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(c.correlationData); reject(new AppError('unavailable', 'broker_timeout', `The MQTT broker did not answer ${c.command} within ${timeoutMs} ms.`)); }, timeoutMs);
      this.pending.set(c.correlationData, { resolve, reject, timer });
    }));
    await this.client.publishAsync(CONTROL, JSON.stringify({ commands: withIds }), { qos: 1 });
    return Promise.all(waits);
  }

  private static check(r: Response, tolerate: string[] = []): void {
    if (r.error && !tolerate.some((t) => r.error!.includes(t))) {
      throw new AppError('upstream', 'broker_command_failed', `MQTT broker refused ${r.command}: ${r.error}`);
    }
  }

  /** The account our own processes use (idempotent: safe at every start). */
  async ensureServiceAccount(password: string): Promise<void> {
    const res = await this.run([
      { command: 'createRole', rolename: 'coldchain-service' },
      { command: 'addRoleACL', rolename: 'coldchain-service', acltype: 'subscribePattern', topic: 'dt/coldchain/#', priority: 0, allow: true },
      { command: 'addRoleACL', rolename: 'coldchain-service', acltype: 'subscribePattern', topic: '$share/+/dt/coldchain/#', priority: 0, allow: true },
      { command: 'addRoleACL', rolename: 'coldchain-service', acltype: 'publishClientSend', topic: 'cmd/coldchain/#', priority: 0, allow: true },
      { command: 'addRoleACL', rolename: 'coldchain-service', acltype: 'publishClientSend', topic: 'dt/coldchain/#', priority: 0, allow: true },
      { command: 'createClient', username: SERVICE_USERNAME, password, roles: [{ rolename: 'coldchain-service' }] },
      { command: 'setClientPassword', username: SERVICE_USERNAME, password },
    ]);
    res.forEach((r) => DynsecAdmin.check(r, ['already exists']));
  }

  /**
   * Creates (or rotates) one box's credentials; returns the new password, which is shown
   * once and never stored by us (the broker keeps only its salted hash).
   */
  async setBoxCredentials(boxId: string): Promise<{ username: string; clientId: string; password: string; topics: ReturnType<typeof boxTopics> }> {
    if (!BOX_ID_RE.test(boxId)) throw new AppError('invalid_input', 'invalid_box_id', `Box ids look like box_ followed by 4–40 lowercase letters or digits; got ${JSON.stringify(boxId)}.`);
    const password = randomBytes(24).toString('base64url');
    const t = boxTopics(boxId);
    const role = `box:${boxId}`;
    const res = await this.run([
      { command: 'createRole', rolename: role },
      { command: 'addRoleACL', rolename: role, acltype: 'publishClientSend', topic: t.publish, priority: 0, allow: true },
      { command: 'addRoleACL', rolename: role, acltype: 'subscribePattern', topic: t.commands, priority: 0, allow: true },
      { command: 'createClient', username: boxId, clientid: boxId, password, roles: [{ rolename: role }] },
      { command: 'setClientPassword', username: boxId, password },
      { command: 'enableClient', username: boxId },
    ]);
    res.forEach((r) => DynsecAdmin.check(r, ['already exists']));
    // A rotated password must not leave an old session connected.
    await this.run([{ command: 'disableClient', username: boxId }, { command: 'enableClient', username: boxId }]);
    return { username: boxId, clientId: boxId, password, topics: t };
  }

  /** Revokes a box: it can no longer connect, and a live connection is dropped. */
  async revokeBox(boxId: string): Promise<void> {
    const res = await this.run([{ command: 'deleteClient', username: boxId }, { command: 'deleteRole', rolename: `box:${boxId}` }]);
    res.forEach((r) => DynsecAdmin.check(r, ['not found']));
  }

  /** Many boxes at once (demo seeding, load generator), in batches of commands. */
  async setManyBoxCredentials(boxIds: string[], batch = 200): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < boxIds.length; i += batch) {
      const cmds: Command[] = [];
      for (const boxId of boxIds.slice(i, i + batch)) {
        if (!BOX_ID_RE.test(boxId)) throw new AppError('invalid_input', 'invalid_box_id', `bad box id ${boxId}`);
        const password = randomBytes(24).toString('base64url');
        out.set(boxId, password);
        const t = boxTopics(boxId);
        const role = `box:${boxId}`;
        cmds.push(
          { command: 'createRole', rolename: role },
          { command: 'addRoleACL', rolename: role, acltype: 'publishClientSend', topic: t.publish, priority: 0, allow: true },
          { command: 'addRoleACL', rolename: role, acltype: 'subscribePattern', topic: t.commands, priority: 0, allow: true },
          { command: 'createClient', username: boxId, clientid: boxId, password, roles: [{ rolename: role }] },
          { command: 'setClientPassword', username: boxId, password },
        );
      }
      (await this.run(cmds, 60_000)).forEach((r) => DynsecAdmin.check(r, ['already exists']));
    }
    return out;
  }
}
