/**
 * Validation of order creation (`POST /api/v1/orders`). Every object is
 * strict: unknown fields are rejected rather than silently dropped, so a
 * client cannot hand us personal data we did not ask for (PIPL Art. 6 data
 * minimisation; COMPLIANCE.md §E 51). Errors map to stable codes with
 * English and Chinese messages through {@link toApiIssues}.
 */
import { z } from 'zod';
import { normalizeCnPhone } from '../../platform/privacy/phone';
import { idPattern } from '../../platform/ids';
import { BoundedMemo } from './memo';

export const ORDER_CHANNELS = ['app', 'mini_program', 'third_party', 'store_pos'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/** Coordinate reference systems accepted at the edge; stored as WGS-84 by geo/. */
export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;

export interface OrderSchemaOptions {
  /** Reference time for "window in the past" checks. */
  now: Date;
  /** Max order lines. Default 200. */
  maxLines?: number;
  /** Max units on one line. Default 999. */
  maxQuantityPerLine?: number;
  /** Instant delivery promise when omitted, minutes. Default 30. */
  defaultPromiseMinutes?: number;
  /** Longest instant promise, minutes. Default 120 (the O2O range is 30 min – 2 h). */
  maxPromiseMinutes?: number;
  /** How far ahead a scheduled window may start, days. Default 30. */
  maxScheduleAheadDays?: number;
  /** Longest recurring series, deliveries. Default 52. */
  maxRecurrences?: number;
}

const SKU_ID = idPattern('sku');
const FACILITY_ID = idPattern('fac');
const DAY_MS = 86_400_000;

/** Custom issue with a stable code in `params.code`. */
function custom(ctx: z.RefinementCtx, code: OrderIssueCode, message: string, path: (string | number)[] = []): void {
  ctx.addIssue({ code: 'custom', message, params: { code }, path });
}

const phoneSchema = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const n = normalizeCnPhone(raw);
    if (n === null) {
      custom(ctx, 'invalid_phone', 'phone must be a CN mobile (1[3-9] + 9 digits, optional +86) or a landline with area code');
      return z.NEVER;
    }
    return n;
  });

const instantSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/**
 * Builds the order-creation schema for one request (it depends on `now`).
 * Output: phone normalised (`13812345678` / `020-87654321`), datetimes as `Date`,
 * defaults filled (`crs` wgs84, `promiseMinutes` 30).
 */
export function createOrderSchema(options: OrderSchemaOptions) {
  const now = options.now.getTime();
  return buildOrderSchema(options, () => now);
}

/**
 * The schema with `now` read through `nowMs` when a window is checked (the only place it is
 * used), so {@link parseCreateOrder} can build it once per option set instead of per request.
 */
function buildOrderSchema(options: Omit<OrderSchemaOptions, 'now'>, nowMs: () => number) {
  const maxLines = options.maxLines ?? 200;
  const maxQty = options.maxQuantityPerLine ?? 999;
  const maxPromise = options.maxPromiseMinutes ?? 120;
  const defaultPromise = options.defaultPromiseMinutes ?? 30;
  const maxAheadMs = (options.maxScheduleAheadDays ?? 30) * DAY_MS;
  const maxRecurrences = options.maxRecurrences ?? 52;

  const item = z.strictObject({
    skuId: z.string().regex(SKU_ID, 'skuId must look like sku_<lowercase alphanumerics>'),
    quantity: z.int().min(1).max(maxQty),
  });

  // Length is checked before any line is parsed, so 10,000 lines give one
  // clear error instead of 10,000 line errors (and no wasted work).
  const items = z
    .array(z.unknown())
    .min(1)
    .max(maxLines)
    .pipe(z.array(item))
    // The document shows the line's schema (the generator sees only the unknown[] side of the pipe).
    .meta({ items: lineJsonSchema(item) } as Record<string, unknown>)
    .superRefine((lines, ctx) => {
      const seen = new Map<string, number>();
      lines.forEach((l, i) => {
        if (typeof l?.skuId !== 'string') return; // a line that failed to parse
        const first = seen.get(l.skuId);
        if (first !== undefined) {
          custom(ctx, 'duplicate_sku', `skuId ${l.skuId} repeats line ${first}; merge the quantities`, [i, 'skuId']);
        } else seen.set(l.skuId, i);
      });
    });

  const location = z.strictObject({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    crs: z.enum(COORDINATE_SYSTEMS).default('wgs84'),
  });

  const customer = z.strictObject({
    name: z.string().trim().min(1).max(50),
    phone: phoneSchema,
    address: z.string().trim().min(4).max(200),
    location,
    language: z.enum(['zh-CN', 'en']).optional().meta({ description: 'The language of the notices the customer gets (SMS, webhook); zh-CN when absent' }),
  });

  const window = z
    .strictObject({ start: instantSchema, end: instantSchema })
    .superRefine((w, ctx) => {
      // zod still runs refinements after non-fatal issues; skip if a field did not parse.
      if (!(w.start instanceof Date) || !(w.end instanceof Date)) return;
      if (w.end.getTime() <= w.start.getTime()) {
        custom(ctx, 'window_end_before_start', 'window end must be after its start', ['end']);
      }
      const now = nowMs();
      if (w.start.getTime() < now) {
        custom(ctx, 'window_in_past', 'window starts in the past', ['start']);
      } else if (w.start.getTime() > now + maxAheadMs) {
        custom(ctx, 'window_too_far_ahead', `window must start within ${maxAheadMs / DAY_MS} days`, ['start']);
      }
    });

  const delivery = z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('instant'),
      promiseMinutes: z.int().min(10).max(maxPromise).default(defaultPromise),
    }),
    z.strictObject({ mode: z.literal('scheduled'), window }),
    z
      .strictObject({
        mode: z.literal('recurring'),
        firstWindow: window,
        /** Days between deliveries, e.g. 30 for a monthly refill. */
        everyDays: z.int().min(1).max(365),
        count: z.int().min(2).max(maxRecurrences).optional(),
        until: instantSchema.optional(),
      })
      .superRefine((r, ctx) => {
        if ((r.count === undefined) === (r.until === undefined)) {
          custom(ctx, 'recurrence_end_required', 'give exactly one of count or until');
        }
        if (!(r.until instanceof Date) || !(r.firstWindow?.start instanceof Date)) return;
        if (r.until.getTime() <= r.firstWindow.start.getTime()) {
          custom(ctx, 'until_before_start', 'until must be after the first window', ['until']);
        }
        if ((r.until.getTime() - r.firstWindow.start.getTime()) / (r.everyDays * DAY_MS) >= maxRecurrences) {
          custom(ctx, 'too_many_recurrences', `at most ${maxRecurrences} deliveries in a series`, ['until']);
        }
      }),
    z.strictObject({
      mode: z.literal('pickup'),
      facilityId: z.string().regex(FACILITY_ID, 'facilityId must look like fac_<lowercase alphanumerics>').optional(),
    }),
  ]);

  return z.strictObject({
    channel: z.enum(ORDER_CHANNELS),
    /** The channel's own order number (third-party platforms), for reconciliation. */
    externalRef: z.string().trim().min(1).max(64).optional(),
    items,
    customer,
    delivery,
    /** Prescription reference (e-prescription id); required when any line is Rx — see {@link checkRx}. */
    rxRef: z.string().trim().min(1).max(64).optional(),
    /** Short delivery instruction ("放门口"). Kept short: free text attracts personal data. */
    deliveryNote: z.string().trim().max(100).optional(),
  });
}

function lineJsonSchema(item: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(item) as Record<string, unknown>;
  void _ignored;
  return rest;
}

/**
 * The body of `POST /orders` as the OpenAPI document shows it: the order schema with the default
 * limits, plus `paymentPending` (read by createOrder before the order is validated).
 */
export function orderRequestSchema(): z.ZodType {
  return buildOrderSchema({}, () => Date.now()).extend({
    paymentPending: z.boolean().optional().meta({ description: 'true: the order waits for payment (status awaiting_confirmation) and its reservation expires' }),
  }).meta({ id: 'OrderRequest', description: 'Every object is strict: unknown fields are refused (data minimisation). Issues come back as 400 validation_failed with per-field codes (ORDER_ISSUE_CODES).' });
}

export type CreateOrderSchema = ReturnType<typeof createOrderSchema>;
export type CreateOrderInput = z.input<CreateOrderSchema>;
export type CreateOrder = z.output<CreateOrderSchema>;

/** Stable error codes of order validation; clients switch on these, never on messages. */
export const ORDER_ISSUE_CODES = [
  'unknown_field',
  'required',
  'invalid_type',
  'not_integer',
  'too_small',
  'too_big',
  'no_items',
  'too_many_items',
  'duplicate_sku',
  'invalid_format',
  'invalid_value',
  'invalid_phone',
  'window_in_past',
  'window_end_before_start',
  'window_too_far_ahead',
  'recurrence_end_required',
  'until_before_start',
  'too_many_recurrences',
  'rx_required',
  'unknown_sku',
  'invalid',
] as const;
export type OrderIssueCode = (typeof ORDER_ISSUE_CODES)[number];

export interface ApiIssue {
  code: OrderIssueCode;
  message: string;
  /** Always has `path` (dot-separated, e.g. `items.3.quantity`, `''` for the root). Never echoes input values. */
  details: { path: string } & Record<string, unknown>;
}

export type Locale = 'en' | 'zh-CN';

const MESSAGES: Record<OrderIssueCode, { en: (d: Record<string, unknown>) => string; zh: (d: Record<string, unknown>) => string }> = {
  unknown_field: {
    en: (d) => `Unknown field(s) not accepted: ${(d.fields as string[]).join(', ')}`,
    zh: (d) => `不接受未定义的字段：${(d.fields as string[]).join('、')}`,
  },
  required: { en: (d) => `${d.path} is required`, zh: (d) => `${d.path} 为必填项` },
  invalid_type: { en: (d) => `${d.path} must be of type ${d.expected}`, zh: (d) => `${d.path} 类型应为 ${d.expected}` },
  not_integer: { en: (d) => `${d.path} must be a whole number`, zh: (d) => `${d.path} 必须为整数` },
  too_small: { en: (d) => `${d.path} must be at least ${d.minimum}`, zh: (d) => `${d.path} 不能小于 ${d.minimum}` },
  too_big: { en: (d) => `${d.path} must be at most ${d.maximum}`, zh: (d) => `${d.path} 不能大于 ${d.maximum}` },
  no_items: { en: () => 'An order needs at least one item', zh: () => '订单至少需要一件商品' },
  too_many_items: {
    en: (d) => `Too many order lines: at most ${d.maximum} per order`,
    zh: (d) => `订单行数过多：每单最多 ${d.maximum} 行`,
  },
  duplicate_sku: { en: (d) => `SKU appears on more than one line (${d.path})`, zh: (d) => `同一商品出现在多行（${d.path}）` },
  invalid_format: { en: (d) => `${d.path} has an invalid format`, zh: (d) => `${d.path} 格式不正确` },
  invalid_value: {
    en: (d) => `${d.path} must be one of: ${(d.allowed as unknown[]).join(', ')}`,
    zh: (d) => `${d.path} 取值应为：${(d.allowed as unknown[]).join('、')}`,
  },
  invalid_phone: {
    en: () => 'Phone must be a Chinese mobile number (11 digits, optional +86) or a landline with area code',
    zh: () => '电话须为中国大陆手机号（11 位，可带 +86）或带区号的固定电话',
  },
  window_in_past: { en: () => 'The delivery window starts in the past', zh: () => '配送时间窗的开始时间已过' },
  window_end_before_start: { en: () => 'The delivery window must end after it starts', zh: () => '配送时间窗的结束时间须晚于开始时间' },
  window_too_far_ahead: { en: () => 'The delivery window is too far ahead', zh: () => '配送时间窗过远' },
  recurrence_end_required: { en: () => 'Give exactly one of count or until', zh: () => '须且仅须提供 count 或 until 之一' },
  until_before_start: { en: () => 'until must be after the first window', zh: () => 'until 须晚于首次配送时间窗' },
  too_many_recurrences: { en: () => 'Too many deliveries in the series', zh: () => '周期配送次数过多' },
  rx_required: {
    en: (d) => `A prescription reference (rxRef) is required for: ${(d.skus as string[]).join(', ')}`,
    zh: (d) => `处方药需提供处方编号（rxRef）：${(d.skus as string[]).join('、')}`,
  },
  unknown_sku: { en: (d) => `Unknown SKU: ${d.skuId}`, zh: (d) => `未知商品：${d.skuId}` },
  invalid: { en: (d) => `${d.path} is invalid`, zh: (d) => `${d.path} 无效` },
};

function makeIssue(code: OrderIssueCode, details: { path: string } & Record<string, unknown>, locale: Locale): ApiIssue {
  const m = MESSAGES[code];
  return { code, message: locale === 'zh-CN' ? m.zh(details) : m.en(details), details };
}

type LooseIssue = z.core.$ZodIssue & { input?: unknown; params?: { code?: string } };

function mapIssue(issue: LooseIssue, locale: Locale): ApiIssue {
  const path = issue.path.join('.');
  const last = issue.path[issue.path.length - 1];
  const i = issue as unknown as Record<string, unknown>;
  switch (issue.code) {
    case 'unrecognized_keys':
      return makeIssue('unknown_field', { path, fields: issue.keys }, locale);
    case 'invalid_type':
      if (issue.input === undefined) return makeIssue('required', { path }, locale);
      if (issue.expected === 'int') return makeIssue('not_integer', { path }, locale);
      return makeIssue('invalid_type', { path, expected: issue.expected }, locale);
    case 'too_small':
      if (issue.origin === 'array' && last === 'items') return makeIssue('no_items', { path, minimum: Number(issue.minimum) }, locale);
      return makeIssue('too_small', { path, minimum: Number(issue.minimum), origin: issue.origin }, locale);
    case 'too_big':
      if (issue.origin === 'array' && last === 'items') {
        const count = Array.isArray(issue.input) ? issue.input.length : undefined;
        return makeIssue('too_many_items', { path, maximum: Number(issue.maximum), count }, locale);
      }
      return makeIssue('too_big', { path, maximum: Number(issue.maximum), origin: issue.origin }, locale);
    case 'invalid_format':
      return makeIssue('invalid_format', { path, format: issue.format }, locale);
    case 'invalid_value':
      if (issue.input === undefined) return makeIssue('required', { path }, locale);
      return makeIssue('invalid_value', { path, allowed: issue.values }, locale);
    case 'invalid_union': {
      const disc = i.discriminator as string | undefined;
      if (disc) {
        const input = issue.input as Record<string, unknown> | undefined;
        if (!input || typeof input !== 'object' || input[disc] === undefined) return makeIssue('required', { path }, locale);
        return makeIssue('invalid_value', { path, allowed: i.options as unknown[] }, locale);
      }
      return makeIssue('invalid', { path }, locale);
    }
    case 'custom': {
      const code = issue.params?.code as OrderIssueCode | undefined;
      if (code && code in MESSAGES) return makeIssue(code, { path }, locale);
      return makeIssue('invalid', { path }, locale);
    }
    default:
      return makeIssue('invalid', { path }, locale);
  }
}

/**
 * Maps zod issues to API issues with stable codes; messages in English
 * (default) or zh-CN. Input values are never copied into the result (they may
 * be personal data and issues end up in logs). For `required` detection the
 * error must come from a parse with `reportInput: true` ({@link parseCreateOrder} does that).
 */
export function toApiIssues(error: z.ZodError, locale: Locale = 'en'): ApiIssue[] {
  return error.issues.map((i) => mapIssue(i as LooseIssue, locale));
}

export type ParseOrderResult = { ok: true; order: CreateOrder } | { ok: false; issues: ApiIssue[] };

/** Validates an order-creation body; see {@link createOrderSchema} for options and defaults. */
export function parseCreateOrder(input: unknown, options: OrderSchemaOptions, locale: Locale = 'en'): ParseOrderResult {
  const key = `${options.maxLines}|${options.maxQuantityPerLine}|${options.defaultPromiseMinutes}|${options.maxPromiseMinutes}|${options.maxScheduleAheadDays}|${options.maxRecurrences}`;
  const schema = schemaCache.get(key, () => buildOrderSchema(options, () => parseNow));
  // safeParse is synchronous (no async refinements), so no other parse can see this value.
  const previous = parseNow;
  parseNow = options.now.getTime();
  let r: ReturnType<CreateOrderSchema['safeParse']>;
  try {
    r = schema.safeParse(input, { reportInput: true });
  } finally {
    parseNow = previous;
  }
  return r.success ? { ok: true, order: r.data } : { ok: false, issues: toApiIssues(r.error, locale) };
}

/**
 * Building the schema costs far more than most parses (zod compiles every object), so
 * {@link parseCreateOrder} keeps one per option set; the request's `now` reaches the window
 * check through `parseNow`, set only for the duration of the synchronous safeParse.
 */
// Config keys change rarely; bounded anyway so a changing option cannot grow it.
const schemaCache = new BoundedMemo<string, CreateOrderSchema>(16);
let parseNow = Number.NaN;

/** What {@link checkRx} needs to know about a SKU. */
export interface RxSkuInfo {
  /** Prescription-only (处方药). */
  rx: boolean;
}

/**
 * Catalogue checks that the schema cannot do: every SKU must exist, and when
 * any line is a prescription drug, `rxRef` must be present. Returns issues
 * (empty when fine). Unknown SKUs are reported once each.
 */
export function checkRx(
  items: readonly { skuId: string }[],
  skuLookup: (skuId: string) => RxSkuInfo | undefined,
  rxRef?: string,
  locale: Locale = 'en',
): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const rxSkus: string[] = [];
  items.forEach((item, i) => {
    const sku = skuLookup(item.skuId);
    if (!sku) issues.push(makeIssue('unknown_sku', { path: `items.${i}.skuId`, skuId: item.skuId }, locale));
    else if (sku.rx) rxSkus.push(item.skuId);
  });
  if (rxSkus.length > 0 && !rxRef?.trim()) {
    issues.push(makeIssue('rx_required', { path: 'rxRef', skus: rxSkus }, locale));
  }
  return issues;
}
