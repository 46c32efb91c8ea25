/**
 * The box ↔ server wire contract, version 1, as zod. `coldbox-telemetry-1.schema.json` is
 * generated from these schemas (see contract.test.ts, `REGEN=1` rewrites it), so the two can
 * never drift apart. Design borrows from Sparkplug B (birth message, LWT death, seq, historical
 * flag) but stays JSON (COMPLIANCE F.61/F.62).
 *
 * Physical plausibility (temperature −90..+90 °C etc.) is deliberately NOT in the schema: a
 * well-formed message with an impossible value is a different failure (`absurd_value`) from a
 * malformed one (`invalid_payload`), and the range is configurable per deployment.
 */
import { z } from 'zod';
import { BOX_ID_RE } from './topics';

export const TELEMETRY_SCHEMA_ID = 'coldbox.telemetry/1';
export const BIRTH_SCHEMA_ID = 'coldbox.birth/1';

/** Max probes per box. App.3 asks ≥1 per box (≥2 per vehicle); 8 covers any box we know. */
export const MAX_PROBES = 8;

const unixMs = z
  .number()
  .int()
  .nonnegative()
  .meta({ description: 'Unix epoch milliseconds, UTC, from the device clock' });

const boxId = z.string().regex(BOX_ID_RE).meta({ description: 'Opaque box id (box_ + [a-z0-9]{1,32}); never PII' });

// Semver with optional pre-release/build, as the box firmware reports it.
const fw = z
  .string()
  .max(32)
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/)
  .meta({ description: 'Firmware version (semver)' });

export const ReadingSchema = z
  .strictObject({
    ts: unixMs.meta({ description: 'Device sample time, Unix ms UTC. Never replaced by server time.' }),
    t: z
      .array(z.number())
      .min(1)
      .max(MAX_PROBES)
      .meta({ description: 'Probe temperatures in °C, in the probe order of the birth message' }),
    rh: z.number().optional().meta({ description: 'Relative humidity, %RH (0..100)' }),
    door: z.boolean().optional().meta({ description: 'Lid/door switch: true = open' }),
    batt: z.number().optional().meta({ description: 'Battery state of charge, % (0..100)' }),
    hist: z
      .boolean()
      .meta({ description: 'true = replayed from the store-and-forward buffer (Sparkplug is_historical)' }),
  })
  .meta({ title: 'Reading', description: 'One timestamped sample of every probe' });

export const TelemetryMessageSchema = z
  .strictObject({
    schema: z.literal(TELEMETRY_SCHEMA_ID),
    boxId,
    fw,
    seq: z
      .number()
      .int()
      .min(0)
      .max(4294967295)
      .meta({ description: 'Per-box message counter (uint32); (boxId, seq) is the idempotency key' }),
    sentAt: unixMs.meta({ description: 'Device time the message was published, Unix ms UTC' }),
    readings: z.array(ReadingSchema).min(1),
  })
  .meta({
    title: 'coldbox.telemetry/1',
    description: 'Published QoS 1, retain=false, on dt/coldchain/box/<boxId>/telemetry',
  });

export const ProbeSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,16}$/)
    .meta({ description: 'Probe id, stable across reboots' }),
  position: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .meta({ description: 'Validated, fixed probe position (e.g. product, air-top)' }),
});

export const BirthMessageSchema = z
  .strictObject({
    schema: z.literal(BIRTH_SCHEMA_ID),
    boxId,
    fw,
    sampleIntervalS: z.number().int().min(1).max(3600).meta({ description: 'Sampling period, seconds' }),
    clockOffsetMs: z
      .number()
      .int()
      .meta({ description: 'Device clock minus NTP/cellular time at the last sync, ms (F.63)' }),
    probes: z.array(ProbeSchema).min(1).max(MAX_PROBES),
    sentAt: unixMs.optional(),
  })
  .meta({
    title: 'coldbox.birth/1',
    description: 'Published QoS 1 on dt/coldchain/box/<boxId>/birth after every (re)connect',
  });

/**
 * Cloud → box, QoS 1 on cmd/coldchain/box/<boxId>/resend, with a message expiry: the ingest
 * saw the box's seq jump and asks for the messages in between from the box's store-and-forward
 * buffer (≥ 72 h, COMPLIANCE 67). The box publishes each buffered message again on its telemetry
 * topic with its original seq, readings marked hist: true; what it no longer holds it skips.
 */
export const RESEND_SCHEMA_ID = 'coldbox.resend/1';
export const ResendCommandSchema = z
  .strictObject({
    schema: z.literal(RESEND_SCHEMA_ID),
    boxId,
    fromSeq: z.number().int().min(0).max(4294967295).meta({ description: 'First missing seq' }),
    toSeq: z.number().int().min(0).max(4294967295).meta({ description: 'Last missing seq (inclusive)' }),
    requestedAt: unixMs.meta({ description: 'Server time of the request, Unix ms UTC' }),
  })
  .meta({
    title: 'coldbox.resend/1',
    description: 'Published QoS 1 by the ingest on cmd/coldchain/box/<boxId>/resend when a seq gap is seen',
  });

/** Retained status payload; the broker publishes `offline` as the box's LWT (F.65). */
export const StatusPayloadSchema = z.enum(['online', 'offline']).meta({
  title: 'status',
  description: 'Retained plain-text payload on dt/coldchain/box/<boxId>/status',
});

export type Reading = z.infer<typeof ReadingSchema>;
export type TelemetryMessage = z.infer<typeof TelemetryMessageSchema>;
export type BirthMessage = z.infer<typeof BirthMessageSchema>;
export type BoxStatus = z.infer<typeof StatusPayloadSchema>;
export type ResendCommand = z.infer<typeof ResendCommandSchema>;

/** JSON Schema (draft 2020-12) for the whole contract, generated from the zod schemas above. */
export function contractJsonSchema(): Record<string, unknown> {
  const gen = (s: z.ZodType) => {
    const j = z.toJSONSchema(s, { target: 'draft-2020-12' }) as Record<string, unknown>;
    delete j.$schema;
    return j;
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://coldchain.example/schemas/coldbox-telemetry-1.schema.json',
    title: 'Cold box MQTT contract v1',
    description:
      'GENERATED from telemetry/contract/schema.ts (REGEN=1 npx vitest run telemetry/contract). ' +
      'Physical ranges checked by the decoder, not here: t -90..90 °C, rh 0..100 %, batt 0..100 %.',
    oneOf: [{ $ref: '#/$defs/telemetry' }, { $ref: '#/$defs/birth' }],
    $defs: {
      telemetry: gen(TelemetryMessageSchema),
      birth: gen(BirthMessageSchema),
      status: gen(StatusPayloadSchema),
      resend: gen(ResendCommandSchema),
    },
  };
}
