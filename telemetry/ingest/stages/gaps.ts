/**
 * Stage — gaps: a box numbers its messages (seq, never repeated), so a jump in seq means
 * messages that were published and never stored — above all those a broker restart drops
 * between its return and the ingest's resubscription, which the broker had already
 * acknowledged to the box. Each box's highest seq stored is kept in Redis (one hash, shared by
 * every ingest process); when a message's seq is more than one past it, the box is asked on its
 * command topic to send the messages in between again from its store-and-forward buffer
 * (contract: ResendCommandSchema). The answers are ordinary messages with their original seq,
 * below the high-water mark, so they never ask for anything themselves; dedupe and the tables'
 * keys make a repeated answer harmless. Runs after persist: only what is stored moves the mark.
 */
import { commandTopic, RESEND_SCHEMA_ID, type ResendCommand } from '../../contract';
import { ingestMetrics as m } from '../metrics';
import { live, type Stage } from '../types';

/**
 * KEYS[1] the hash box → highest seq; ARGV box, seq pairs in order. Returns box, from, to
 * triples for each jump. A box seen for the first time sets its mark and asks for nothing.
 */
const MARK = `
local out = {}
for i = 1, #ARGV, 2 do
  local box, seq = ARGV[i], tonumber(ARGV[i + 1])
  local prev = tonumber(redis.call('HGET', KEYS[1], box))
  if prev == nil or seq > prev then
    redis.call('HSET', KEYS[1], box, seq)
    if prev ~= nil and seq > prev + 1 then
      out[#out + 1] = box; out[#out + 1] = prev + 1; out[#out + 1] = seq - 1
    end
  end
end
return out`;

export const gapsStage: Stage = {
  name: 'gaps',
  async run(batch, env) {
    if (env.resend.maxMessages <= 0) return;
    const args: string[] = [];
    const msgs = batch.items.filter((i) => live(i) && i.telemetry).map((i) => i.telemetry!.message);
    msgs.sort((a, b) => a.seq - b.seq);
    for (const msg of msgs) args.push(msg.boxId, String(msg.seq));
    if (!args.length) return;
    const gaps = (await env.redis.eval(MARK, 1, env.resend.markKey, ...args)) as Array<string | number>;
    const now = env.now();
    for (let i = 0; i < gaps.length; i += 3) {
      const boxId = String(gaps[i]);
      const toSeq = Number(gaps[i + 2]);
      const fromSeq = Math.max(Number(gaps[i + 1]), toSeq - env.resend.maxMessages + 1);
      const cmd: ResendCommand = { schema: RESEND_SCHEMA_ID, boxId, fromSeq, toSeq, requestedAt: now };
      env.resend.send(commandTopic(boxId, 'resend'), cmd);
      m.resendRequests.inc();
      m.resendAsked.inc(toSeq - fromSeq + 1);
    }
  },
};
