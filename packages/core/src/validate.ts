/**
 * Argument checks shared by every estimator function.
 *
 * One policy everywhere: a bad argument throws `RangeError` whose message starts with the
 * argument's name and ends with the value that was received, e.g.
 * `RangeError: params must be a finite number > 0, got -1`. Numbers must be real `number`s
 * (no numeric strings, no NaN, no ±Infinity unless a rule says otherwise).
 *
 * @module
 */

/** Bounds for {@link checkNumber}. Omitted bounds are open (−∞ / +∞). */
export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** When true the value must be strictly greater than `min`. */
  readonly minExclusive?: boolean;
  /** When true the value must be strictly less than `max`. */
  readonly maxExclusive?: boolean;
  /** When true the value must be an integer. */
  readonly integer?: boolean;
}

/**
 * Renders a received value for an error message: strings quoted, numbers as JavaScript prints
 * them (`NaN`, `Infinity`, `-1`), everything else by kind.
 *
 * @example
 * describeValue('q5'); // "'q5'"
 * describeValue(Number.NaN); // 'NaN'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function ruleText(rule: NumberRule): string {
  const kind = rule.integer ? 'a finite integer' : 'a finite number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    const open = rule.minExclusive ? '(' : '[';
    const close = rule.maxExclusive ? ')' : ']';
    return `${kind} in ${open}${min}, ${max}${close}`;
  }
  if (min !== undefined) return `${kind} ${rule.minExclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} ${rule.maxExclusive ? '<' : '<='} ${max}`;
  return kind;
}

/**
 * Checks that `value` is a finite number within `rule` and returns it.
 *
 * @throws RangeError naming `name` when the value is not a number, not finite, or out of range.
 * @example
 * checkNumber('params', 3e9, { min: 0, minExclusive: true }); // 3e9
 * checkNumber('params', -1, { min: 0, minExclusive: true });
 * // throws RangeError: params must be a finite number > 0, got -1
 */
export function checkNumber(name: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max));
  if (!ok) {
    throw new RangeError(`${name} must be ${ruleText(rule)}, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A finite number > 0.
 *
 * @example
 * positive('params', 3e9); // 3e9
 */
export function positive(name: string, value: unknown): number {
  return checkNumber(name, value, { min: 0, minExclusive: true });
}

/**
 * A finite number ≥ 0.
 *
 * @example
 * nonNegative('servedTokens', 0); // 0
 */
export function nonNegative(name: string, value: unknown): number {
  return checkNumber(name, value, { min: 0 });
}

/**
 * A finite number in [0, 1], e.g. a probability or a share.
 *
 * @example
 * fraction('escalationRate', 0.15); // 0.15
 */
export function fraction(name: string, value: unknown): number {
  return checkNumber(name, value, { min: 0, max: 1 });
}

/**
 * A finite number in (0, 1], e.g. a utilisation or efficiency that divides a peak rate.
 *
 * @example
 * efficiency('utilization', 0.4); // 0.4
 */
export function efficiency(name: string, value: unknown): number {
  return checkNumber(name, value, { min: 0, max: 1, minExclusive: true });
}

/**
 * A finite integer ≥ `min`.
 *
 * @example
 * integerAtLeast('servers', 3, 1); // 3
 */
export function integerAtLeast(name: string, value: unknown, min: number): number {
  return checkNumber(name, value, { min, integer: true });
}

/**
 * One of a fixed set of string identifiers.
 *
 * @throws RangeError listing the accepted values.
 * @example
 * oneOf('fit', 'epoch', ['hoffmann', 'epoch']); // 'epoch'
 */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.map((a) => `'${a}'`).join(', ');
  throw new RangeError(`${name} must be one of ${list}, got ${describeValue(value)}`);
}

/**
 * A plain options object (not null, not an array).
 *
 * @example
 * record('options', { params: 3e9 }); // { params: 3e9 }
 */
export function record<T extends object>(name: string, value: T): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RangeError(`${name} must be an object, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A boolean flag.
 *
 * @example
 * bool('includeFlagged', true); // true
 */
export function bool(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new RangeError(`${name} must be a boolean, got ${describeValue(value)}`);
  }
  return value;
}
