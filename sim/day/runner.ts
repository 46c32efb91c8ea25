/**
 * The simulated day, run against a live stack through its public interfaces only: orders placed
 * on POST /orders as a sales channel does, Rx orders reviewed by a pharmacist account, riders with
 * their own accounts going on and off duty, taking their plan, riding its road geometry at road
 * speed with GPS noise (POST /riders/me/positions), picking up with the box and the label, handing
 * over with the code the customer got by SMS (or read on the tracking page), failing when nobody
 * is home and bringing the goods back; boxes publishing birth, status (last will) and telemetry
 * over MQTT from the thermal model. At the end the KPIs come from GET /kpis, not from here.
 *
 * Time runs at `speed` × real time; only 1 is accepted until the server takes its time from one
 * clock port (DESIGN "One clock"): a faster simulated day needs the server's now to follow it.
 */
import { randomBytes } from 'node:crypto';
import { Api } from '../client';
import { SimBox } from '../box';
import { planOrders, type CityFacility, type DayOptions, type PlannedOrder } from './demand';
import { planShifts, onDuty, type Shift } from './shifts';
import { ambientC, stepThermal, drawFaults, precoolReadings, type BoxThermal, type BoxFaults } from './thermal';
import { along, gpsFix, haversineM, lineLengthM, ROAD_SPEED_MPS, type LngLat } from './motion';
import { Rng } from './rng';

export interface DayRunOptions {
  baseUrl: string;
  mqttUrl: string;
  /** An admin account: it reads the city, makes the run's own rider and pharmacist accounts and box credentials. */
  admin: { username: string; password: string };
  seed: string | number;
  /** 1 = real time (the only speed the server supports today). */
  speed?: number;
  /** Stop after this many hours; default 24. `Infinity` runs until stop() (the live demo). */
  hours?: number;
  day?: DayOptions;
  /** Facilities the day's customers are placed around (ids); default the `maxFacilities` with the most riders. */
  facilities?: string[];
  /** Default 3. */
  maxFacilities?: number;
  /** Riders the simulator drives, at most; default 12. Riders of other facilities join when their facility gets a shipment. */
  maxRiders?: number;
  /** Box faults per box per day; default compressor 0.3, battery 0.1 (an alarm now and then on the demo). */
  faults?: { compressorPerDay: number; batteryPerDay: number };
  /** The customer's SMS inbox: messages sent to `phone` (the run's SMS sink). */
  inbox?: (phone: string) => Promise<string[]>;
  /** A dispatcher acknowledges an open alarm after this long, s; default 240 (0 = never: people do it). */
  ackAfterS?: number;
  /** A pharmacist reviews a waiting Rx order after this long, s; default 90. */
  rxReviewAfterS?: number;
  /** How long a rider waits at the door before the customer opens (or is found absent), s; default 30–90 (absent: 120). */
  doorWaitS?: { min: number; max: number; absent: number };
  /**
   * Boxes report their lid switch (door: true at pickup and handover). Default false: the server
   * does not yet tell expected openings from unexpected ones (the excursion engine's
   * `ctx.doorExpected` is never set), so every opening would raise DOOR_OPEN and notify the duty
   * contacts twice per delivery. The openings still warm the box either way.
   */
  reportDoor?: boolean;
  /** GPS fix period while riding, s; default 5. */
  fixEveryS?: number;
  /**
   * The live demo: when no alarm profile for every facility ('*') names recipients yet, register
   * demo duty contacts (3 phones for SMS, a mailbox for e-mail and the escalation tier) so an alarm
   * notifies someone, through the sinks. Default false.
   */
  demoContacts?: boolean;
  /**
   * Riders the simulator does not drive go offline at the start (the demo seeds every rider
   * online, and the planner would give them work nobody carries). Default false.
   */
  offDutyOthers?: boolean;
  /** The zone of the day's local hours; default Asia/Shanghai. */
  timeZone?: string;
  log?: (line: string) => void;
}

export interface DayCounters {
  ordersPlaced: number; ordersRefused: Record<string, number>; rxReviewed: number;
  ridersOnDuty: number; positionsSent: number; pickedUp: number; delivered: number; failed: number; returned: number; collected: number;
  telemetryMessages: number; readings: number; alarmsAcknowledged: number; compressorFailures: number; batteryDeaths: number; errors: number;
}

export interface DayResult {
  runId: string; startedAt: string; endedAt: string; wallS: number; seed: string | number; speed: number;
  counters: DayCounters;
  /** Orders placed per local hour by the simulator (the KPIs' own per-hour figures are in `kpis`). */
  placedPerHour: number[];
  kpis: unknown;
  lastErrors: string[];
}

interface RiderInfo { id: string; name: string; homeFacilityId: string; vehicleType: string; status: string; shifts?: Array<{ day: string; start: string; end: string }> }
interface BoxInfo { id: string; facilityId: string; riderId: string | null }
interface Stop { shipmentId: string; step: 'pickup' | 'delivery'; lat: number; lng: number }
interface Carried { shipmentId: string; order: PlacedOrder | undefined; stop: Stop }
interface PlacedOrder { id: string; token: string; plan: PlannedOrder; shipments: string[] }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CODE_IN_SMS = /(?:Delivery code|收货验证码)[:：]\s*(\d{6})/;

export class DayRunner {
  readonly runId = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${randomBytes(2).toString('hex')}`;
  readonly counters: DayCounters = {
    ordersPlaced: 0, ordersRefused: {}, rxReviewed: 0, ridersOnDuty: 0, positionsSent: 0, pickedUp: 0, delivered: 0, failed: 0, returned: 0, collected: 0,
    telemetryMessages: 0, readings: 0, alarmsAcknowledged: 0, compressorFailures: 0, batteryDeaths: 0, errors: 0,
  };
  private readonly placedPerHour = new Array<number>(24).fill(0);
  private readonly errors: string[] = [];
  private readonly o: Required<Omit<DayRunOptions, 'facilities' | 'inbox' | 'day'>> & Pick<DayRunOptions, 'facilities' | 'inbox' | 'day'>;
  private stopping = false;
  private admin!: Api;
  private pharmacist!: Api;
  private riders = new Map<string, RiderInfo>();
  private boxes: BoxInfo[] = [];
  private facilities = new Map<string, { id: string; location: { lat: number; lng: number } }>();
  private agents = new Map<string, RiderAgent>();
  private shifts = new Map<string, Shift>();
  private orders = new Map<string, PlacedOrder>();
  private byShipment = new Map<string, PlacedOrder>();
  /** What is in flight (orders, riders, loops); settled ones leave, so the live demo does not grow. */
  private tasks = new Set<Promise<unknown>>();
  private readonly rng: Rng;
  private t0 = 0;
  /** Orders handed to placeOrder so far: their idempotency keys and channel references (n repeats day after day). */
  private seq = 0;

  constructor(opts: DayRunOptions) {
    this.o = {
      speed: 1, hours: 24, maxFacilities: 3, maxRiders: 12, faults: { compressorPerDay: 0.3, batteryPerDay: 0.1 }, ackAfterS: 240, rxReviewAfterS: 90,
      demoContacts: false, offDutyOthers: false, reportDoor: false, fixEveryS: 5, doorWaitS: { min: 30, max: 90, absent: 120 }, timeZone: 'Asia/Shanghai', log: (l: string) => console.log(l),
      // An option given as undefined (a CLI flag not passed) keeps its default.
      ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
    } as typeof this.o;
    if (this.o.speed !== 1) throw new Error(`--speed ${this.o.speed}: only real time (1) for now; a faster day needs the server to take its time from the simulated clock (README: "The simulated day")`);
    this.rng = new Rng(`${opts.seed}/runner`);
  }

  log(l: string): void { this.o.log(`sim: ${l}`); }
  error(where: string, e: unknown): void {
    this.counters.errors++;
    const m = `${where}: ${(e as Error).message ?? String(e)}`.slice(0, 500);
    this.errors.push(m);
    if (this.errors.length > 50) this.errors.shift();
    this.log(`error ${m}`);
  }

  /** Local minute of the day now, and the instant of local midnight. */
  private clock(now = Date.now()): { minute: number; hour: number; midnight: number } {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: this.o.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(now));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const secs = get('hour') * 3600 + get('minute') * 60 + get('second');
    return { minute: Math.floor(secs / 60), hour: get('hour'), midnight: now - secs * 1000 - (now % 1000) };
  }

  stop(): void { this.stopping = true; }
  private track(p: Promise<unknown>): void {
    const t = p.catch((e) => this.error('task', e)).finally(() => this.tasks.delete(t));
    this.tasks.add(t);
  }
  get stopped(): boolean { return this.stopping; }

  async run(): Promise<DayResult> {
    const startedAt = new Date();
    this.t0 = Date.now();
    const endAt = Number.isFinite(this.o.hours) ? this.t0 + this.o.hours * 3_600_000 : Infinity;
    this.admin = await Api.login(this.o.baseUrl, this.o.admin.username, this.o.admin.password);
    const city = await this.readCity();
    if (this.o.demoContacts) await this.ensureDemoContacts().catch((e) => this.error('demo alarm contacts', e));
    if (this.o.offDutyOthers) {
      const { minute } = this.clock();
      const others = [...this.riders.values()].filter((r) => r.status === 'online' && !(this.shifts.has(r.id) && onDuty(this.shifts.get(r.id)!, minute)));
      for (const r of others) await this.admin.call('POST', `/riders/${r.id}/status`, { status: 'offline' }).catch(() => undefined);
      if (others.length) this.log(`${others.length} riders nobody drives set offline`);
    }
    const tag = this.runId.slice(-4);
    this.pharmacist = await this.account('qa', `sim.pharmacist.${tag}`);
    // 24 hours of the day's orders from `from` on: those of the hours before it wrap to the next day
    // (a run started at 15:00 goes on past midnight). Day k of the live demo has its own seed.
    const window = (k: number) => {
      const from = this.t0 + k * 86_400_000;
      const { midnight } = this.clock(from);
      return planOrders(k ? `${this.o.seed}/${k}` : this.o.seed, city, this.o.day)
        .map((p) => ({ p, at: midnight + p.atMs < from ? midnight + p.atMs + 86_400_000 : midnight + p.atMs }))
        .filter((x) => x.at < endAt).sort((a, b) => a.at - b.at);
    };
    let days = 0;
    const due = window(days);
    this.log(`run ${this.runId}: ${city.length} facilities (${city.map((c) => c.id).join(', ')}), ${due.length} orders due${Number.isFinite(endAt) ? ` in ${this.o.hours} h` : ' today'}, ${this.shifts.size} rider shifts`);

    for (const t of [this.rosterLoop(), this.rxLoop(), this.alarmLoop()]) this.track(t);
    try {
      for (let i = 0; !this.stopping; ) {
        const now = Date.now();
        if (now >= endAt) break;
        while (i < due.length && due[i].at <= now) { this.track(this.placeOrder(due[i++].p, tag)); }
        if (i >= due.length && !Number.isFinite(endAt)) {
          due.splice(0, i, ...window(++days));
          i = 0;
        }
        await sleep(Math.min(1000, Math.max(50, (due[i]?.at ?? now + 1000) - now)));
      }
    } finally {
      this.stopping = true;
      await Promise.allSettled([...this.tasks]);
      await Promise.allSettled([...this.agents.values()].map((a) => a.close()));
    }
    let kpis: unknown = null;
    try {
      const date = new Intl.DateTimeFormat('sv-SE', { timeZone: this.o.timeZone }).format(startedAt);
      kpis = await this.admin.ok('GET', `/kpis?date=${date}`);
    } catch (e) { this.error('kpis', e); }
    const endedAt = new Date();
    return {
      runId: this.runId, startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), wallS: Math.round((endedAt.getTime() - startedAt.getTime()) / 100) / 10,
      seed: this.o.seed, speed: this.o.speed, counters: this.counters, placedPerHour: this.placedPerHour, kpis, lastErrors: [...this.errors],
    };
  }

  /** The facilities, riders, boxes and stock the day is played on, as the API shows them. */
  private async readCity(): Promise<CityFacility[]> {
    const [fac, rid, box, sku] = await Promise.all([
      this.admin.ok('GET', '/facilities'), this.admin.ok('GET', '/riders'), this.admin.ok('GET', '/boxes'), this.admin.ok('GET', '/skus?limit=200'),
    ]);
    for (const r of rid.riders as RiderInfo[]) if ((r as { active?: boolean }).active !== false) this.riders.set(r.id, r);
    this.boxes = box.boxes as BoxInfo[];
    for (const f of fac.facilities as Array<{ id: string; location: { lat: number; lng: number }; active: boolean }>) this.facilities.set(f.id, f);
    const classes = new Map<string, { cold: boolean; rx: boolean }>((sku.skus as Array<{ id: string; temperatureClass: string; rx: boolean }>)
      .filter((s) => s.temperatureClass !== 'frozen').map((s) => [s.id, { cold: s.temperatureClass === 'chilled', rx: s.rx }]));
    const withBox = (fid: string) => [...this.riders.values()].filter((r) => r.homeFacilityId === fid && this.boxes.some((b) => b.riderId === r.id));
    const candidates = (fac.facilities as Array<{ id: string; tier: CityFacility['tier']; location: { lat: number; lng: number }; active: boolean }>)
      .filter((f) => f.active && f.tier !== 'central' && (!this.o.facilities || this.o.facilities.includes(f.id)))
      .sort((a, b) => withBox(b.id).length - withBox(a.id).length || a.id.localeCompare(b.id))
      .slice(0, this.o.facilities?.length ?? this.o.maxFacilities);
    const city: CityFacility[] = [];
    for (const f of candidates) {
      const stock = await this.admin.ok('GET', `/facilities/${f.id}/stock`);
      const skus = [...new Set((stock.lots as Array<{ skuId: string; available: number }>).filter((l) => l.available > 2 && classes.has(l.skuId)).map((l) => l.skuId))]
        .map((id) => ({ id, ...classes.get(id)! }));
      if (skus.length) city.push({ id: f.id, tier: f.tier, location: f.location, radiusM: 1500, skus });
    }
    if (!city.length) throw new Error('no facility with riders, boxes and stock: load the demo (npm start) or pass --facility');
    // Riders of the city's facilities on shifts; at most maxRiders, spread over the facilities.
    const pool: Array<{ id: string; facilityId: string }> = [];
    const lists = city.map((f) => withBox(f.id));
    for (let i = 0; pool.length < this.o.maxRiders && lists.some((l) => l[i]); i++) {
      for (const l of lists) if (l[i] && pool.length < this.o.maxRiders) pool.push({ id: l[i].id, facilityId: l[i].homeFacilityId });
    }
    // The system's roster where a rider has one (the planner gives work only inside it), else the generated shifts.
    for (const s of planShifts(this.o.seed, pool)) this.shifts.set(s.riderId, this.registeredShift(s.riderId) ?? s);
    return city;
  }

  private async ensureDemoContacts(): Promise<void> {
    const { profiles } = await this.admin.ok('GET', '/telemetry/alarm-profiles');
    const has = (cls: string) => (profiles as Array<{ facilityId: string; productClass: string; override: { recipients?: unknown[] } }>)
      .some((p) => p.facilityId === '*' && p.productClass === cls && (p.override?.recipients?.length ?? 0) > 0);
    if (has('chilled') && has('frozen')) return;
    const reason = 'demo: duty contacts whose messages go to the local sinks (npm start)';
    const contact = async (label: string, address: { phone?: string; email?: string }) => (await this.admin.ok('POST', '/telemetry/contacts', { label, ...address, reason })).id as string;
    const sms = [await contact('演示 · QA 值班 1', { phone: '+8613800000001' }), await contact('演示 · QA 值班 2', { phone: '+8613800000002' }), await contact('演示 · 调度值班', { phone: '+8613800000003' })];
    const mail = await contact('演示 · QA 经理', { email: 'qa-manager@demo.invalid', phone: '+8613800000004' });
    for (const cls of ['chilled', 'frozen']) {
      if (has(cls)) continue;
      await this.admin.ok('PUT', `/telemetry/alarm-profiles/*/${cls}`, {
        override: {}, recipients: [...sms.map((contactId) => ({ channel: 'sms', contactId })), { channel: 'email', contactId: mail }],
        escalation: [{ afterMin: 10, recipients: [{ channel: 'sms', contactId: mail }, { channel: 'email', contactId: mail }] }], reason,
      });
    }
    this.log('demo alarm contacts registered: 3 SMS, 1 e-mail, escalation after 10 min');
  }

  /** The rider's shift as the system has it for today (or last night's, still on), in local minutes. */
  private registeredShift(riderId: string): Shift | null {
    const r = this.riders.get(riderId);
    if (!r?.shifts?.length) return null;
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const wd = new Intl.DateTimeFormat('en-US', { timeZone: this.o.timeZone, weekday: 'short' }).format(new Date()).toLowerCase().slice(0, 3);
    const i = days.indexOf(wd);
    const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    const span = (x: { start: string; end: string }) => [toMin(x.start), toMin(x.end) <= toMin(x.start) ? toMin(x.end) + 1440 : toMin(x.end)];
    const { minute } = this.clock();
    const last = r.shifts.find((x) => x.day === days[(i + 6) % 7]);
    if (last) { const [a, b] = span(last); if (b > 1440 && minute < b - 1440) return { riderId, facilityId: r.homeFacilityId, startMin: a - 1440, endMin: b - 1440 }; }
    const today = r.shifts.find((x) => x.day === days[i]);
    if (!today) return null;
    const [a, b] = span(today);
    return { riderId, facilityId: r.homeFacilityId, startMin: a, endMin: b };
  }

  /** A user of the run (its password known only to this process). */
  async account(role: 'qa' | 'rider' | 'dispatcher', username: string, riderId?: string): Promise<Api> {
    const password = `Sim-${randomBytes(12).toString('base64url')}!`;
    await this.admin.ok('POST', '/users', { username, password, displayName: `${role === 'rider' ? '模拟骑手' : role === 'qa' ? '模拟药师' : '模拟调度'} ${username.split('.').at(-2)}`, role, ...(riderId ? { riderId } : {}) });
    return Api.login(this.o.baseUrl, username, password);
  }

  private async placeOrder(p: PlannedOrder, tag: string): Promise<void> {
    const k = this.seq++;
    const windowAt = (minFromNow: number) => {
      const start = Math.ceil((Date.now() + minFromNow * 60_000) / 1_800_000) * 1_800_000;
      return { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() };
    };
    const delivery = p.mode === 'instant' ? { mode: 'instant', promiseMinutes: 60 }
      : p.mode === 'scheduled' ? { mode: 'scheduled', window: windowAt(60 + (p.n % 3) * 30) }
        : p.mode === 'recurring' ? { mode: 'recurring', firstWindow: windowAt(90), everyDays: 30, count: 3 }
          : { mode: 'pickup', facilityId: p.facilityId };
    const body = {
      channel: p.mode === 'pickup' ? 'mini_program' : 'app', externalRef: `sim-${tag}-${k}`,
      items: [{ skuId: p.skuId, quantity: p.quantity }], customer: { ...p.customer, language: 'zh-CN' }, delivery,
      ...(p.rx ? { rxRef: `erx-${tag}-${k}` } : {}),
    };
    const a = await this.admin.call('POST', '/orders', body, { 'Idempotency-Key': `sim-${this.runId}-${k}` }).catch((e: Error) => ({ status: 0, body: { error: { code: e.message } } }));
    if (a.status !== 201 && a.status !== 200) {
      const code = a.body?.error?.code ?? `http_${a.status}`;
      this.counters.ordersRefused[code] = (this.counters.ordersRefused[code] ?? 0) + 1;
      // The first of each kind with what the server said (the sourcing decision says why).
      if (this.counters.ordersRefused[code] === 1) this.error(`order ${k} refused`, new Error(JSON.stringify(a.body).slice(0, 800)));
      return;
    }
    this.counters.ordersPlaced++;
    this.placedPerHour[this.clock().hour]++;
    const placed: PlacedOrder = { id: a.body.id, token: a.body.token, plan: p, shipments: a.body.shipments.map((s: { id: string }) => s.id) };
    this.orders.set(placed.id, placed);
    for (const s of a.body.shipments as Array<{ id: string; facilityId: string }>) {
      this.byShipment.set(s.id, placed);
      if (p.mode === 'pickup') this.track(this.storePickup(placed, s.id, s.facilityId));
      else this.ensureRiderAt(s.facilityId);
    }
  }

  /** Riders on and off duty by their shifts, checked each minute. */
  private async rosterLoop(): Promise<void> {
    while (!this.stopping) {
      const { minute } = this.clock();
      for (const s of this.shifts.values()) {
        const agent = this.agents.get(s.riderId);
        if (onDuty(s, minute) && !agent) this.startAgent(s.riderId);
        else if (!onDuty(s, minute) && agent && !agent.onDemand) agent.offDuty = true;
      }
      for (let i = 0; i < 60 && !this.stopping; i++) await sleep(1000);
    }
  }

  /** A shipment at a facility nobody of the run serves: one of its riders comes on duty. */
  private ensureRiderAt(facilityId: string): void {
    if ([...this.agents.values()].some((a) => a.rider.homeFacilityId === facilityId && !a.offDuty)) return;
    const free = [...this.riders.values()].filter((x) => x.homeFacilityId === facilityId && !this.agents.has(x.id) && this.boxes.some((b) => b.riderId === x.id));
    // One whose shift is on (the planner gives work only inside it), else any.
    const { minute } = this.clock();
    const r = free.find((x) => { const s = this.registeredShift(x.id); return s && onDuty(s, minute); }) ?? free[0];
    if (r) this.startAgent(r.id, true);
  }

  private startAgent(riderId: string, onDemand = false): void {
    const rider = this.riders.get(riderId)!;
    const box = this.boxes.find((b) => b.riderId === riderId);
    const fac = this.facilities.get(rider.homeFacilityId);
    if (!box || !fac) return;
    const faults = drawFaults(this.o.seed, box.id, this.o.faults);
    const agent = new RiderAgent(this, rider, box, fac.location, faults, onDemand);
    this.agents.set(riderId, agent);
    this.track(agent.run().catch((e) => this.error(`rider ${riderId}`, e)).finally(() => this.agents.delete(riderId)));
  }

  /** The pharmacist reviews waiting Rx orders (GET /orders, POST /orders/:id/rx-review). */
  private async rxLoop(): Promise<void> {
    while (!this.stopping) {
      await sleep(5000);
      try {
        const list = await this.pharmacist.ok('GET', '/orders?status=awaiting_rx&limit=100');
        for (const o of list.orders as Array<{ id: string; createdAt: string }>) {
          if (!this.orders.has(o.id) || Date.now() - new Date(o.createdAt).getTime() < this.o.rxReviewAfterS * 1000) continue;
          await this.pharmacist.ok('POST', `/orders/${o.id}/rx-review`, { verdict: 'verified', note: 'e-prescription checked (simulated pharmacist)' });
          this.counters.rxReviewed++;
        }
      } catch (e) { this.error('rx review', e); }
    }
  }

  /** A dispatcher acknowledges open alarms of the run's boxes after a while. */
  private async alarmLoop(): Promise<void> {
    if (!this.o.ackAfterS) return;
    while (!this.stopping) {
      for (let i = 0; i < 10 && !this.stopping; i++) await sleep(1000);
      try {
        const list = await this.admin.ok('GET', '/telemetry/alarms?open=true');
        for (const a of list.alarms as Array<{ id: string; boxId: string; type: string; status: string; raisedAt: string }>) {
          if (a.status !== 'active' || !this.boxes.some((b) => b.id === a.boxId && b.riderId && this.agents.has(b.riderId))) continue;
          if (Date.now() - new Date(a.raisedAt).getTime() < this.o.ackAfterS * 1000) continue;
          await this.admin.ok('POST', `/telemetry/alarms/${a.id}/acknowledge`, { note: 'seen by the duty dispatcher (simulated); rider told to bring the box back' });
          this.counters.alarmsAcknowledged++;
          this.log(`${a.type} alarm ${a.id} of ${a.boxId} acknowledged`);
        }
      } catch (e) { this.error('alarm ack', e); }
    }
  }

  /** A store pickup: the store puts it out, the customer comes 10–30 min later with the code. */
  private async storePickup(o: PlacedOrder, shipmentId: string, facilityId: string): Promise<void> {
    const until = async (ms: number) => { const end = Date.now() + ms; while (!this.stopping && Date.now() < end) await sleep(1000); return !this.stopping; };
    const staff = this.admin;
    for (let tries = 0; tries < 60; tries++) {
      if (!(await until(o.plan.rx ? (this.o.rxReviewAfterS + 30) * 1000 : 60_000))) return;
      const r = await staff.call('POST', `/shipments/${shipmentId}/events`, { action: 'ready_for_pickup', clientEventId: `sim-${shipmentId}-ready` });
      if (r.status === 200) break;
      if (r.body?.error?.code !== 'transition_not_allowed' && r.body?.error?.code !== 'rx_not_verified') { this.error(`ready_for_pickup ${shipmentId} at ${facilityId}`, new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)); return; }
    }
    if (!(await until((10 + this.rng.int(0, 20)) * 60_000))) return;
    const code = await this.codeFor(o, shipmentId);
    const r = await staff.call('POST', `/shipments/${shipmentId}/events`, { action: 'collect', ...(code ? { code } : {}), clientEventId: `sim-${shipmentId}-collect` });
    if (r.status === 200) this.counters.collected++;
    else this.error(`collect ${shipmentId}`, new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`));
  }

  /**
   * The customer's delivery code as a real customer has it: the SMS the system sent to their
   * phone, else their tracking page after the phone check (last 4 digits).
   */
  async codeFor(o: PlacedOrder | undefined, shipmentId: string): Promise<string | null> {
    if (!o) return null;
    if (this.o.inbox) {
      const sms = await this.o.inbox(o.plan.customer.phone).catch(() => []);
      const code = sms.map((t) => CODE_IN_SMS.exec(t)?.[1]).filter(Boolean).at(-1);
      if (code) return code;
    }
    try {
      const base = `${this.o.baseUrl}/t/${encodeURIComponent(o.token)}`;
      const v = await fetch(`${base}/verify`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `last4=${o.plan.customer.phone.slice(-4)}` });
      const cookie = (v.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
      if (!cookie) return null;
      const page = await (await fetch(`${base}?lang=en`, { headers: { cookie } })).text();
      // One code per open shipment, in the order's shipment order.
      const codes = [...page.matchAll(/<p class="code">(\d{6})<\/p>/g)].map((m) => m[1]);
      return codes[Math.max(0, o.shipments.indexOf(shipmentId))] ?? codes[0] ?? null;
    } catch { return null; }
  }

  orderOf(shipmentId: string): PlacedOrder | undefined { return this.byShipment.get(shipmentId); }

  /**
   * A shipment this run did not order (left from an earlier run of the demo): its order as the
   * customer knows it (link and phone), read once with the admin account.
   */
  async recoverOrder(shipmentId: string): Promise<PlacedOrder | undefined> {
    try {
      const l = await this.admin.ok('GET', `/shipments/${shipmentId}/lifecycle`);
      const o = await this.admin.ok('GET', `/orders/${l.orderId ?? l.shipment?.orderId}`);
      if (o.customer?.masked || !o.customer?.phone) return undefined;
      const placed: PlacedOrder = { id: o.id, token: o.token, shipments: o.shipments.map((x: { id: string }) => x.id), plan: { customer: { phone: o.customer.phone }, absent: false } as PlannedOrder };
      for (const id of placed.shipments) this.byShipment.set(id, placed);
      return placed;
    } catch { return undefined; }
  }
  get opts() { return this.o; }
  get adminApi(): Api { return this.admin; }
  facilityLocation(id: string) { return this.facilities.get(id)?.location; }
  get clockNow() { return this.clock(); }
}

/** One rider and the box paired with them, on duty. */
class RiderAgent {
  offDuty = false;
  private api!: Api;
  private box?: SimBox;
  private thermal: BoxThermal = { tC: 5, compressorOk: true, batteryPct: 90 };
  private pos: LngLat;
  private readonly rng: Rng;
  private lastSampleAt = 0;
  private sampler?: Promise<void>;
  private closed = false;

  constructor(private readonly sim: DayRunner, readonly rider: RiderInfo, private readonly boxInfo: BoxInfo, private readonly home: { lat: number; lng: number }, private readonly faults: BoxFaults, readonly onDemand: boolean) {
    this.pos = [home.lng, home.lat];
    this.rng = new Rng(`${sim.opts.seed}/rider/${rider.id}`);
  }

  private get c() { return this.sim.counters; }

  async run(): Promise<void> {
    this.api = await this.sim.account('rider', `sim.${this.rider.id.slice(4)}.${this.sim.runId.slice(-4)}`, this.rider.id);
    await this.connectBox();
    await this.api.ok('POST', `/riders/${this.rider.id}/status`, { status: 'online' });
    this.c.ridersOnDuty++;
    this.sim.log(`${this.rider.id} on duty with ${this.boxInfo.id} at ${this.rider.homeFacilityId}${this.onDemand ? ' (called in)' : ''}`);
    await this.fix(0);
    let idleSince = Date.now();
    while (!this.sim.stopped) {
      const stops = await this.myStops();
      const pickups = stops.filter((s) => s.step === 'pickup');
      if (pickups.length || stops.some((s) => s.step === 'delivery')) {
        await this.trip(pickups, stops);
        idleSince = Date.now();
        continue;
      }
      if (this.offDuty || (this.onDemand && Date.now() - idleSince > 20 * 60_000)) break;
      if (Date.now() - idleSince > 60_000) { await this.fix(0); idleSince = Date.now() - 30_000; }
      await this.wait(5000);
    }
    if (!this.sim.stopped) await this.api.call('POST', `/riders/${this.rider.id}/status`, { status: 'offline' });
    this.sim.log(`${this.rider.id} off duty`);
  }

  private async wait(ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!this.sim.stopped && Date.now() < end) await sleep(Math.min(1000, end - Date.now()));
  }

  private async myStops(): Promise<Stop[]> {
    const p = await this.api.ok('GET', `/riders/${this.rider.id}/plan`);
    return (p.route?.stops ?? []) as Stop[];
  }

  private act(shipmentId: string, body: Record<string, unknown>) {
    const [lng, lat] = this.pos;
    return this.api.call('POST', `/shipments/${shipmentId}/events`, { ...body, clientEventId: `sim-${shipmentId}-${body.action}-${randomBytes(3).toString('hex')}`, deviceAt: new Date().toISOString(), location: { lat, lng }, accuracyM: 8 });
  }

  /** Pick up what the plan says, ride the route, hand over or fail at each door, come back. */
  private async trip(pickups: Stop[], stops: Stop[]): Promise<void> {
    const carried: Carried[] = [];
    for (const p of pickups) {
      await this.act(p.shipmentId, { action: 'arrive_pickup' });
      const order = this.sim.orderOf(p.shipmentId);
      const r = await this.act(p.shipmentId, { action: 'pick_up', boxId: this.boxInfo.id, label: order ? `${this.sim.opts.baseUrl}/t/${order.token}` : p.shipmentId });
      if (r.status !== 200) { this.sim.error(`pick_up ${p.shipmentId}`, new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 240)}`)); continue; }
      this.c.pickedUp++;
      const stop = stops.find((s) => s.shipmentId === p.shipmentId && s.step === 'delivery');
      if (stop) carried.push({ shipmentId: p.shipmentId, order, stop });
    }
    // Deliveries without a pickup in the plan are already in the box (an earlier trip, or run).
    for (const s of stops) {
      if (s.step === 'delivery' && !pickups.some((p) => p.shipmentId === s.shipmentId)) carried.push({ shipmentId: s.shipmentId, order: this.sim.orderOf(s.shipmentId), stop: s });
    }
    // The lid opens to load what was scanned (after the pickup's pre-cool check, as at a real counter).
    const loaded = carried.filter((x) => pickups.some((p) => p.shipmentId === x.shipmentId));
    if (loaded.length) {
      await this.doorOpen(20);
      for (const x of loaded) await this.act(x.shipmentId, { action: 'depart' });
      this.sim.log(`${this.rider.id} picked up ${loaded.map((x) => x.shipmentId).join(', ')}`);
    }
    if (!carried.length) { await this.wait(10_000); return; }
    // The plan's order of deliveries; the road line through them from here.
    const order = stops.filter((s) => s.step === 'delivery' && carried.some((c) => c.shipmentId === s.shipmentId));
    const failed: string[] = [];
    for (const s of order) {
      const x = carried.find((c) => c.shipmentId === s.shipmentId)!;
      await this.ride({ lat: s.lat, lng: s.lng });
      if (this.sim.stopped) return;
      await this.act(s.shipmentId, { action: 'arriving' });
      const w = this.sim.opts.doorWaitS;
      await this.wait(this.rng.int(w.min, w.max) * 1000);
      await this.handOver(x, failed);
    }
    await this.ride(this.home);
    for (const id of failed) {
      const r = await this.act(id, { action: 'return' });
      if (r.status === 200) this.c.returned++;
      else this.sim.error(`return ${id}`, new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`));
    }
    // Back at the facility a failed box is swapped for a working one (the same id stands for it).
    if (!this.thermal.compressorOk || this.thermal.batteryPct <= 0) this.thermal = { tC: 5, compressorOk: true, batteryPct: 90 };
  }

  private async handOver(x: Carried, failed: string[]): Promise<void> {
    x.order ??= await this.sim.recoverOrder(x.shipmentId);
    if (x.order?.plan.absent) {
      await this.wait(this.sim.opts.doorWaitS.absent * 1000);
      const f = await this.act(x.shipmentId, { action: 'fail', reason: 'customer_absent' });
      if (f.status === 200) { this.c.failed++; failed.push(x.shipmentId); await this.act(x.shipmentId, { action: 'start_return' }); }
      return;
    }
    const code = await this.sim.codeFor(x.order, x.shipmentId);
    const r = await this.act(x.shipmentId, { action: 'deliver', ...(code ? { code } : {}) });
    await this.doorOpen(15);
    if (r.status === 200) { this.c.delivered++; this.sim.log(`${this.rider.id} delivered ${x.shipmentId}`); return; }
    const why = r.body?.error?.code;
    if (why === 'cold_chain_breach') {
      const f = await this.act(x.shipmentId, { action: 'fail', reason: 'cold_chain_breach' });
      if (f.status === 200) { this.c.failed++; failed.push(x.shipmentId); await this.act(x.shipmentId, { action: 'start_return' }); }
      return;
    }
    this.sim.error(`deliver ${x.shipmentId}`, new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 240)}`));
    // Refused at the door for another reason (no code to give): it goes back rather than ride round forever.
    const f = await this.act(x.shipmentId, { action: 'fail', reason: 'refused' });
    if (f.status === 200) { this.c.failed++; failed.push(x.shipmentId); await this.act(x.shipmentId, { action: 'start_return' }); }
  }

  /** Rides the road from here to `to` at the vehicle's road speed, a fix every few seconds. */
  private async ride(to: { lat: number; lng: number }): Promise<void> {
    let line: LngLat[] = [this.pos, [to.lng, to.lat]];
    const r = await this.api.call('POST', '/geo/route', { points: [{ lat: this.pos[1], lng: this.pos[0] }, to] });
    if (r.status === 200 && r.body?.geometry?.coordinates?.length >= 2) line = [this.pos, ...(r.body.geometry.coordinates as LngLat[]), [to.lng, to.lat]];
    const length = lineLengthM(line);
    const speed = (ROAD_SPEED_MPS[this.rider.vehicleType] ?? 4.5) * (0.85 + 0.3 * this.rng.next());
    const t0 = Date.now();
    const every = this.sim.opts.fixEveryS * 1000;
    for (;;) {
      const d = ((Date.now() - t0) / 1000) * speed;
      const p = along(line, d);
      this.pos = p.at;
      await this.fix(d >= length ? 0 : speed, p.headingDeg);
      if (d >= length || this.sim.stopped) break;
      await sleep(every);
    }
    this.pos = [to.lng, to.lat];
  }

  private async fix(speedMps: number, headingDeg?: number): Promise<void> {
    const f = gpsFix(this.rng, this.pos);
    const r = await this.api.call('POST', '/riders/me/positions', { positions: [{ at: new Date().toISOString(), ...f, speedMps: Math.round(speedMps * 10) / 10, ...(headingDeg !== undefined ? { headingDeg } : {}) }] });
    if (r.status === 200) this.c.positionsSent++;
    else this.sim.error(`positions ${this.rider.id}`, new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`));
  }

  /**
   * The lid opens for `s` seconds (pickup, handover): a reading as it opened and one as it
   * closed, as a box reports a door switch (otherwise the door reads open until the next sample).
   */
  private async doorOpen(s: number): Promise<void> {
    if (!this.box) return;
    const now = Date.now();
    const door = (open: boolean) => (this.sim.opts.reportDoor ? open : null);
    await this.box.publish([{ ts: now - s * 1000, t: this.thermal.tC, door: door(true), batt: Math.round(this.thermal.batteryPct) }]);
    this.thermal = stepThermal(this.thermal, s, ambientC(this.sim.clockNow.hour), true);
    await this.box.publish([{ ts: now, t: this.thermal.tC, door: door(false), batt: Math.round(this.thermal.batteryPct) }]);
    this.c.telemetryMessages += 2;
    this.c.readings += 2;
    this.lastSampleAt = now;
  }

  private async connectBox(): Promise<void> {
    const creds = await this.sim.adminApi.ok('POST', `/boxes/${this.boxInfo.id}/mqtt-credentials`, { reason: `simulated day ${this.sim.runId}: the box goes on the road` });
    const box = await SimBox.connect(this.sim.opts.mqttUrl, { username: creds.username, password: creds.password, clientId: creds.clientId }, { lastWill: true });
    this.box = box;
    const interval = await this.sim.adminApi.ok('GET', `/boxes/${this.boxInfo.id}`).then((b) => b.sampleIntervalS as number).catch(() => 60);
    await box.birth(interval);
    // The pre-cool record in the box's buffer, sent as history (hist: true) on connect.
    const pre = precoolReadings(Date.now() - 1000, 35, ambientC(this.sim.clockNow.hour));
    for (let i = 0; i < pre.length; i += 20) await box.publish(pre.slice(i, i + 20).map((r) => ({ ...r, hist: true, batt: 90 })));
    this.c.telemetryMessages += Math.ceil(pre.length / 20);
    this.c.readings += pre.length;
    this.lastSampleAt = Date.now();
    this.sampler = (async () => {
      while (!this.closed) {
        for (let w = 0; w < interval * 1000 && !this.closed; w += 500) await sleep(500);
        if (!this.closed) await this.sample().catch((e) => this.sim.error(`telemetry ${this.boxInfo.id}`, e));
      }
    })();
  }

  private async sample(): Promise<void> {
    if (!this.box) return;
    const now = Date.now();
    const { hour, midnight } = this.sim.clockNow;
    const sinceMidnight = now - midnight;
    if (this.thermal.compressorOk && this.faults.compressorFailsAtMs !== null && sinceMidnight >= this.faults.compressorFailsAtMs && now - this.lastSampleAt < 120_000 && sinceMidnight - this.faults.compressorFailsAtMs < 120_000) {
      this.thermal = { ...this.thermal, compressorOk: false };
      this.c.compressorFailures++;
      this.sim.log(`${this.boxInfo.id}: compressor failed`);
    }
    if (this.thermal.batteryPct > 0 && this.faults.batteryDiesAtMs !== null && sinceMidnight >= this.faults.batteryDiesAtMs && sinceMidnight - this.faults.batteryDiesAtMs < 120_000) {
      this.thermal = { ...this.thermal, batteryPct: 0 };
      this.c.batteryDeaths++;
      this.sim.log(`${this.boxInfo.id}: battery dead`);
    }
    this.thermal = stepThermal(this.thermal, Math.max(0, (now - this.lastSampleAt) / 1000), ambientC(hour), false);
    this.lastSampleAt = now;
    await this.box.publish([{ ts: now, t: this.thermal.tC, door: this.sim.opts.reportDoor ? false : null, batt: Math.round(this.thermal.batteryPct) }]);
    this.c.telemetryMessages++;
    this.c.readings++;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sampler?.catch(() => undefined);
    await this.box?.close(true).catch(() => undefined);
  }
}

/** Distance helper for callers that check motion (tests). */
export const distanceM = (a: { lat: number; lng: number }, b: { lat: number; lng: number }): number => haversineM([a.lng, a.lat], [b.lng, b.lat]);
