/**
 * Builds a parameterised WHERE clause from optional filters: each `?` in a condition becomes
 * the next `$n`. Values never go into the SQL text.
 */
export class Where {
  readonly args: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds `cond` (with `?` placeholders, one per value) when `value` is not undefined. */
  add(cond: string, value: unknown): this {
    if (value === undefined) return this;
    this.args.push(value);
    this.parts.push(cond.replaceAll('?', `$${this.args.length}`));
    return this;
  }

  /** Adds a condition that takes no value, when `when` holds. */
  raw(cond: string, when = true): this {
    if (when) this.parts.push(cond);
    return this;
  }

  /** `WHERE a AND b`, or '' without conditions. */
  sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  /** Appends a value and returns its placeholder (for LIMIT and the like). */
  param(value: unknown): string {
    this.args.push(value);
    return `$${this.args.length}`;
  }
}
