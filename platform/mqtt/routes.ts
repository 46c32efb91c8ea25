import { z } from 'zod';
import { withTx, appDb } from '../db/pool';
import { route, type RouteModule } from '../http/route';
import { DynsecAdmin, BOX_ID_RE } from './dynsec';

let admin: Promise<DynsecAdmin> | undefined;
/** One broker-admin connection per API process, opened on first use. */
export function dynsec(): Promise<DynsecAdmin> {
  admin ??= DynsecAdmin.connect().catch((e) => { admin = undefined; throw e; });
  return admin;
}
export async function closeDynsec(): Promise<void> {
  const a = admin;
  admin = undefined;
  if (a) await (await a).close();
}

const Params = z.object({ boxId: z.string().regex(BOX_ID_RE, 'a box id: box_ followed by 1–32 lowercase letters or digits') });

const issue = route({
  method: 'post', path: '/boxes/:boxId/mqtt-credentials', operationId: 'issueBoxMqttCredentials',
  summary: 'Issue or rotate a box\'s MQTT credentials (the password is shown once)', tags: ['devices'], access: ['admin'],
  params: Params, reasonRequired: true,
  body: z.object({ reason: z.string().trim().min(3).max(2000) }).strict(),
  response: z.object({ username: z.string(), clientId: z.string(), password: z.string(), topics: z.object({ publish: z.string(), commands: z.string() }) }),
  async handler({ params }, rc) {
    const creds = await (await dynsec()).setBoxCredentials(params.boxId);
    await withTx(appDb(), (c) => rc.audit(c, { action: 'device.credentials_issued', entityType: 'box', entityId: params.boxId, newValue: { username: creds.username, topics: creds.topics } }));
    return { body: creds };
  },
});

const revoke = route({
  method: 'delete', path: '/boxes/:boxId/mqtt-credentials', operationId: 'revokeBoxMqttCredentials', summary: 'Revoke a box\'s MQTT credentials', tags: ['devices'], access: ['admin'],
  params: Params, reasonRequired: true, successStatus: 204,
  async handler({ params }, rc) {
    await (await dynsec()).revokeBox(params.boxId);
    await rc.audit(appDb(), { action: 'device.credentials_revoked', entityType: 'box', entityId: params.boxId });
    return { status: 204 };
  },
});

export const devicesModule: RouteModule = { name: 'devices', routes: [issue, revoke] };
