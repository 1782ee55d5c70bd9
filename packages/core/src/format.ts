/**
 * Display formatting with `Intl.NumberFormat`: bytes (GB or GiB, stated), USD, FLOPs in scientific
 * notation, durations, token and parameter counts, percentages.
 *
 * All functions take an explicit `locale` (default `'en-US'`) so output does not depend on the
 * machine; the unit symbols stay the same in every locale.
 *
 * @module
 */
import { checkNumber, oneOf, record } from './validate.ts';

const DEFAULT_LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

/** Intl formatters are costly to build; keep one per locale and option set. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function digits(name: string, value: number | undefined, fallback: number): number {
  return value === undefined ? fallback : checkNumber(name, value, { min: 1, max: 21, integer: true });
}

function finite(name: string, value: number): number {
  return checkNumber(name, value);
}

/** A byte unit: decimal (GB = 1e9 bytes) or binary (GiB = 2^30 bytes). */
export type ByteUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB' | 'PB' | 'KiB' | 'MiB' | 'GiB' | 'TiB' | 'PiB';

const BYTE_UNITS: Readonly<Record<ByteUnit, number>> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  PB: 1e15,
  KiB: 2 ** 10,
  MiB: 2 ** 20,
  GiB: 2 ** 30,
  TiB: 2 ** 40,
  PiB: 2 ** 50,
};
const DECIMAL_UNITS: readonly ByteUnit[] = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
const BINARY_UNITS: readonly ByteUnit[] = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Options of {@link formatBytes}. */
export interface FormatBytesOptions {
  /** A fixed unit, or `'auto'` (default) for the largest unit that keeps the number ≥ 1. */
  readonly unit?: ByteUnit | 'auto';
  /** With `unit: 'auto'`: decimal units (GB, default) or binary units (GiB). */
  readonly system?: 'decimal' | 'binary';
  /** Significant digits; default 3. */
  readonly significantDigits?: number;
  readonly locale?: string;
}

/**
 * Formats a byte count, stating the unit: decimal GB (1e9 bytes) by default, binary GiB on request.
 *
 * @example
 * formatBytes(6e9); // '6.00 GB'
 * formatBytes(1.5e9); // '1.50 GB'
 * formatBytes(140e9); // '140 GB'
 * formatBytes(131072, { system: 'binary' }); // '128 KiB'
 * formatBytes(16.06e9, { unit: 'GiB' }); // '15.0 GiB'
 */
export function formatBytes(bytes: number, options: FormatBytesOptions = {}): string {
  finite('bytes', bytes);
  record('options', options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const sig = digits('significantDigits', options.significantDigits, 3);
  let unit: ByteUnit;
  if (options.unit === undefined || options.unit === 'auto') {
    const system =
      options.system === undefined ? 'decimal' : oneOf('system', options.system, ['decimal', 'binary'] as const);
    const units = system === 'binary' ? BINARY_UNITS : DECIMAL_UNITS;
    unit = 'B';
    for (const u of units) if (Math.abs(bytes) >= BYTE_UNITS[u]) unit = u;
  } else {
    unit = oneOf('unit', options.unit, Object.keys(BYTE_UNITS) as ByteUnit[]);
  }
  const value = bytes / BYTE_UNITS[unit];
  const f =
    unit === 'B'
      ? numberFormat(locale, { maximumFractionDigits: 0 })
      : numberFormat(locale, { minimumSignificantDigits: sig, maximumSignificantDigits: sig });
  return `${f.format(value)} ${unit}`;
}

/** Options of {@link formatUsd}. */
export interface FormatUsdOptions {
  /** Significant digits for amounts under $1; default 3. Amounts of $1 or more show cents. */
  readonly significantDigits?: number;
  readonly locale?: string;
}

/**
 * Formats US dollars as currency: cents for amounts of $1 or more, significant digits below that
 * (per-request costs are often fractions of a cent).
 *
 * @example
 * formatUsd(2920); // '$2,920.00'
 * formatUsd(0.0045); // '$0.0045'
 * formatUsd(0.03); // '$0.03'
 */
export function formatUsd(usd: number, options: FormatUsdOptions = {}): string {
  finite('usd', usd);
  record('options', options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const sig = digits('significantDigits', options.significantDigits, 3);
  const base = { style: 'currency', currency: 'USD' } as const;
  const f =
    Math.abs(usd) >= 1 || usd === 0
      ? numberFormat(locale, { ...base, minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : numberFormat(locale, { ...base, maximumSignificantDigits: sig });
  return f.format(usd);
}

/** Options of {@link formatFlops}. */
export interface FormatFlopsOptions {
  /** `'e'` (default): `1.08e21 FLOPs`; `'superscript'`: `1.08 × 10²¹ FLOPs`. */
  readonly style?: 'e' | 'superscript';
  /** Significant digits; default 3. */
  readonly significantDigits?: number;
  /** Unit text appended; default `'FLOPs'` (use `'FLOP/s'` for rates). */
  readonly unit?: string;
  readonly locale?: string;
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/**
 * Formats a FLOP count in scientific notation.
 *
 * @example
 * formatFlops(1.08e21); // '1.08e21 FLOPs'
 * formatFlops(6e19, { style: 'superscript' }); // '6.00 × 10¹⁹ FLOPs'
 * formatFlops(989.4e12, { unit: 'FLOP/s' }); // '9.89e14 FLOP/s'
 */
export function formatFlops(flops: number, options: FormatFlopsOptions = {}): string {
  finite('flops', flops);
  record('options', options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const sig = digits('significantDigits', options.significantDigits, 3);
  const style = options.style === undefined ? 'e' : oneOf('style', options.style, ['e', 'superscript'] as const);
  const unit = options.unit ?? 'FLOPs';
  const parts = numberFormat(locale, {
    notation: 'scientific',
    minimumSignificantDigits: sig,
    maximumSignificantDigits: sig,
  }).formatToParts(flops);
  let mantissa = '';
  let exponent = '';
  let inExponent = false;
  for (const part of parts) {
    if (part.type === 'exponentSeparator') inExponent = true;
    else if (inExponent) exponent += part.value;
    else mantissa += part.value;
  }
  if (style === 'e') return `${mantissa}e${exponent} ${unit}`;
  const sup = [...exponent].map((ch) => SUPERSCRIPT[ch] ?? ch).join('');
  return `${mantissa} × 10${sup} ${unit}`;
}

const DURATION_UNITS: readonly { readonly symbol: string; readonly seconds: number }[] = [
  { symbol: 'µs', seconds: 1e-6 },
  { symbol: 'ms', seconds: 1e-3 },
  { symbol: 's', seconds: 1 },
  { symbol: 'min', seconds: 60 },
  { symbol: 'h', seconds: 3600 },
  { symbol: 'd', seconds: 86_400 },
  // Julian year, 365.25 days.
  { symbol: 'y', seconds: 31_557_600 },
];

/** Options of {@link formatDuration}. */
export interface FormatDurationOptions {
  /** Significant digits; default 3. */
  readonly significantDigits?: number;
  readonly locale?: string;
}

/**
 * Formats seconds in the largest unit that keeps the number ≥ 1: µs, ms, s, min, h, d, y
 * (Julian year). Infinite durations read `∞`.
 *
 * @example
 * formatDuration(1.08e6); // '12.5 d'
 * formatDuration(6e4); // '16.7 h'
 * formatDuration(0.0809); // '80.9 ms'
 */
export function formatDuration(seconds: number, options: FormatDurationOptions = {}): string {
  if (seconds === Number.POSITIVE_INFINITY) return '∞';
  checkNumber('seconds', seconds, { min: 0 });
  record('options', options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const sig = digits('significantDigits', options.significantDigits, 3);
  let unit = DURATION_UNITS[0] as (typeof DURATION_UNITS)[number];
  for (const u of DURATION_UNITS) if (seconds >= u.seconds) unit = u;
  if (seconds === 0) unit = DURATION_UNITS[2] as (typeof DURATION_UNITS)[number];
  const f = numberFormat(locale, { maximumSignificantDigits: sig });
  return `${f.format(seconds / unit.seconds)} ${unit.symbol}`;
}

/** Options of {@link formatTokens}. */
export interface FormatCountOptions {
  /** Maximum significant digits; default 3. */
  readonly significantDigits?: number;
  readonly locale?: string;
}

/**
 * Formats a token count compactly: `180B`, `15T`, `60B`.
 *
 * @example
 * formatTokens(180e9); // '180B'
 * formatTokens(15e12); // '15T'
 * formatTokens(1.875e3); // '1.88K'
 */
export function formatTokens(tokens: number, options: FormatCountOptions = {}): string {
  finite('tokens', tokens);
  return formatCompact(tokens, options);
}

/**
 * Formats a parameter count compactly, like {@link formatTokens}.
 *
 * @example
 * formatParams(3e9); // '3B'
 * formatParams(8_030_261_248); // '8.03B'
 */
export function formatParams(params: number, options: FormatCountOptions = {}): string {
  finite('params', params);
  return formatCompact(params, options);
}

function formatCompact(value: number, options: FormatCountOptions): string {
  record('options', options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const sig = digits('significantDigits', options.significantDigits, 3);
  return numberFormat(locale, { notation: 'compact', compactDisplay: 'short', maximumSignificantDigits: sig }).format(
    value,
  );
}

/**
 * Formats a share in [0, 1] (or beyond) as a percentage.
 *
 * @example
 * formatPercent(0.0526); // '5.26%'
 * formatPercent(0.4, { significantDigits: 2 }); // '40%'
 */
export function formatPercent(share: number, options: FormatCountOptions = {}): string {
  finite('share', share);
  record('options', options);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const sig = digits('significantDigits', options.significantDigits, 3);
  return numberFormat(locale, { style: 'percent', maximumSignificantDigits: sig }).format(share);
}
