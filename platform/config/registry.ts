/**
 * Configuration registry, after Traccar's `Keys.java`: every setting is declared once with
 * its environment variable, type, default, unit and a one-line doc. Contexts declare their
 * own keys with {@link defineKey}; `npm run cli -- config` prints them all. A bad value stops
 * start-up with a message naming the setting and what was expected.
 */
export type KeyType = 'string' | 'int' | 'number' | 'bool' | 'url' | 'enum' | 'list';

export interface KeyDef<T> {
  /** Environment variable that overrides the default. */
  env: string;
  type: KeyType;
  /** Default when the variable is unset; `undefined` means "required" unless `optional`. */
  default?: T;
  optional?: boolean;
  unit?: string;
  doc: string;
  /** Secrets are never printed. */
  secret?: boolean;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** The context that declared it (for the printed table). */
  context: string;
}

export class ConfigError extends Error {
  constructor(public readonly key: string, message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const registry = new Map<string, KeyDef<unknown>>();

/** Declares a setting. Declaring the same environment variable twice is a programming error. */
export function defineKey<T>(def: KeyDef<T>): KeyDef<T> {
  const prior = registry.get(def.env);
  if (prior && prior !== def) throw new Error(`config key ${def.env} declared twice`);
  registry.set(def.env, def as KeyDef<unknown>);
  return def;
}

export function allKeys(): KeyDef<unknown>[] {
  return [...registry.values()].sort((a, b) => a.context.localeCompare(b.context) || a.env.localeCompare(b.env));
}

function expected(def: KeyDef<unknown>): string {
  switch (def.type) {
    case 'int': return `an integer${def.min !== undefined ? ` ≥ ${def.min}` : ''}${def.max !== undefined ? ` ≤ ${def.max}` : ''}`;
    case 'number': return `a number${def.min !== undefined ? ` ≥ ${def.min}` : ''}${def.max !== undefined ? ` ≤ ${def.max}` : ''}`;
    case 'bool': return 'true or false';
    case 'url': return 'a URL';
    case 'enum': return `one of ${def.values?.join(', ')}`;
    case 'list': return 'a comma-separated list';
    default: return 'a string';
  }
}

/** Parses one raw string according to the key's type; throws ConfigError naming the key. */
export function parseValue<T>(def: KeyDef<T>, raw: string): T {
  const fail = (): never => {
    throw new ConfigError(def.env, `invalid setting ${def.env}=${def.secret ? '<secret>' : JSON.stringify(raw)}: expected ${expected(def as KeyDef<unknown>)} (${def.doc})`);
  };
  let v: unknown;
  switch (def.type) {
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) fail();
      v = Number(raw);
      break;
    }
    case 'number': {
      v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v)) fail();
      break;
    }
    case 'bool': {
      const s = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(s)) v = true;
      else if (['false', '0', 'no', 'off'].includes(s)) v = false;
      else fail();
      break;
    }
    case 'url': {
      try { new URL(raw); } catch { fail(); }
      v = raw;
      break;
    }
    case 'enum': {
      if (!def.values?.includes(raw)) fail();
      v = raw;
      break;
    }
    case 'list': {
      v = raw.split(',').map((s) => s.trim()).filter(Boolean);
      break;
    }
    default:
      v = raw;
  }
  if (typeof v === 'number' && ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max))) fail();
  return v as T;
}

/**
 * Reads a setting: the environment variable when set, else the default. A missing required
 * setting or a bad value throws ConfigError.
 */
export function getKey<T>(def: KeyDef<T>, env: NodeJS.ProcessEnv = process.env): T {
  const raw = env[def.env];
  if (raw !== undefined && raw !== '') return parseValue(def, raw);
  if (def.default !== undefined) return def.default;
  if (def.optional) return undefined as T;
  throw new ConfigError(def.env, `missing setting ${def.env}: expected ${expected(def as KeyDef<unknown>)} (${def.doc})`);
}

/** Validates every declared key at once, so start-up fails before anything half-starts. */
export function validateAll(env: NodeJS.ProcessEnv = process.env, onlyContexts?: string[]): void {
  const errors: string[] = [];
  for (const def of allKeys()) {
    if (onlyContexts && !onlyContexts.includes(def.context)) continue;
    try { getKey(def, env); } catch (e) { errors.push((e as Error).message); }
  }
  if (errors.length) throw new ConfigError(errors.length === 1 ? 'one' : 'many', errors.join('\n'));
}

/** Rows for the `config` command and the README table. */
export function describeKeys(env: NodeJS.ProcessEnv = process.env): Array<Record<string, string>> {
  return allKeys().map((d) => {
    let current = '';
    try {
      const v = getKey(d, env);
      current = d.secret ? (v ? '<set>' : '') : v === undefined ? '' : String(v);
    } catch (e) {
      current = `INVALID: ${(e as Error).message}`;
    }
    return {
      context: d.context,
      env: d.env,
      type: d.type === 'enum' ? `enum(${d.values?.join('|')})` : d.type,
      default: d.secret ? '(generated)' : d.default === undefined ? (d.optional ? '(unset)' : '(required)') : String(d.default),
      unit: d.unit ?? '',
      doc: d.doc,
      current,
    };
  });
}

/**
 * The README's configuration table (markdown), one row per declared key; the `config --markdown`
 * command prints it and `app/readme.test.ts` checks the README's copy is current.
 */
export function configTable(): string {
  // A `|` ends a cell even inside code (GFM), as in `enum(a|b)`; outside code, `<group>` would be
  // read as an HTML tag.
  const cell = (s: string) => s.split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;')).replace(/\|/g, '\\|'))
    .join('');
  return [
    '| setting | context | type | default | unit | what it does |',
    '|---|---|---|---|---|---|',
    ...describeKeys().map((r) => `| \`${r.env}\` | ${r.context} | ${cell(r.type)} | ${cell(r.default)} | ${r.unit} | ${cell(r.doc)} |`),
  ].join('\n');
}
