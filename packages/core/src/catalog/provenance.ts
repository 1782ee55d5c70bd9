/**
 * Provenance carried by every catalogue figure: where it was read, how sure it is, and as of when.
 *
 * @module
 */
import { describeValue, oneOf, record } from '../validate.ts';

/**
 * How a figure was obtained, following the reference snapshot's own vocabulary:
 * `confirmed` read in the cited primary source; `secondary` read in a third-party page quoting it;
 * `derived` computed from cited inputs; `estimate` a third-party or derived estimate the vendor does
 * not publish; `unconfirmed` could not be verified (such figures also carry `flagged`).
 */
export type Status = 'confirmed' | 'secondary' | 'derived' | 'estimate' | 'unconfirmed';

/**
 * Where an `asOf` date comes from: `source` the date shown by the source (for arXiv papers, the
 * month encoded in the identifier); `inferred` the source shows no date and the era of the page
 * is given instead; `snapshot` the source shows no date, so the month the reference snapshot was
 * compiled is used (see {@link REFERENCE_SNAPSHOT_AS_OF}).
 */
export type AsOfBasis = 'source' | 'inferred' | 'snapshot';

/** Source, status and date of a figure or of a whole catalogue entry. */
export interface Provenance {
  /** Citation: paper, datasheet, page or repository the figure was read from. */
  readonly source: string;
  /** ISO 8601 calendar date, at year, month or day precision: `2026`, `2026-03`, `2026-03-21`. */
  readonly asOf: string;
  readonly asOfBasis: AsOfBasis;
  readonly status: Status;
  readonly note?: string;
  /** Set when the reference lists the figure as unconfirmed or flagged: the reason, in words. */
  readonly flagged?: string;
}

/** A value with its provenance. */
export interface Sourced<T> extends Provenance {
  readonly value: T;
}

/**
 * Month in which the reference figures were compiled; its newest dated sources are from
 * March–April 2026. Used as `asOf` (with `asOfBasis: 'snapshot'`) for figures whose source shows
 * no date, such as datasheet specifications and model configuration files.
 *
 * @example
 * figure(80e9, { source: 'NVIDIA H100 datasheet', status: 'confirmed' }).asOf === REFERENCE_SNAPSHOT_AS_OF; // true
 */
export const REFERENCE_SNAPSHOT_AS_OF = '2026-04';

const STATUSES: readonly Status[] = ['confirmed', 'secondary', 'derived', 'estimate', 'unconfirmed'];

/** What a data module writes to describe a figure; `asOf` defaults to the snapshot month. */
export interface ProvenanceInput {
  readonly source: string;
  readonly status: Status;
  readonly asOf?: string;
  readonly asOfBasis?: AsOfBasis;
  readonly note?: string;
  readonly flagged?: string;
}

/**
 * Builds a {@link Provenance} record, filling in the snapshot date when the source shows none.
 *
 * @throws RangeError when the source is empty, the status unknown or the date not ISO 8601.
 *
 * @example
 * provenance({ source: 'Hoffmann et al. 2022, arXiv 2203.15556', status: 'confirmed', asOf: '2022-03' });
 * // { source: '…', status: 'confirmed', asOf: '2022-03', asOfBasis: 'source' }
 */
export function provenance(input: ProvenanceInput): Provenance {
  record('provenance', input);
  if (typeof input.source !== 'string' || input.source.trim() === '') {
    throw new RangeError(`source must be a non-empty string, got ${describeValue(input.source)}`);
  }
  oneOf('status', input.status, STATUSES);
  const asOf = input.asOf ?? REFERENCE_SNAPSHOT_AS_OF;
  if (typeof asOf !== 'string' || !isIsoDate(asOf)) {
    throw new RangeError(`asOf must be an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD), got ${describeValue(asOf)}`);
  }
  const asOfBasis =
    input.asOfBasis === undefined
      ? input.asOf === undefined
        ? 'snapshot'
        : 'source'
      : oneOf('asOfBasis', input.asOfBasis, ['source', 'inferred', 'snapshot'] as const);
  return {
    source: input.source,
    asOf,
    asOfBasis,
    status: input.status,
    ...(input.note === undefined ? {} : { note: input.note }),
    ...(input.flagged === undefined ? {} : { flagged: input.flagged }),
  };
}

/**
 * Builds a {@link Sourced} figure.
 *
 * @example
 * const bw = figure(3.35e12, { source: 'NVIDIA H100 datasheet', status: 'confirmed' });
 * bw.value; // 3.35e12
 * bw.asOf; // '2026-04' (snapshot month: the datasheet shows no date)
 */
export function figure<T>(value: T, input: ProvenanceInput): Sourced<T> {
  return { value, ...provenance(input) };
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * True when `text` is an ISO 8601 calendar date at year (`2026`), month (`2026-03`) or day
 * (`2026-03-21`) precision that exists in the calendar.
 *
 * @example
 * isIsoDate('2026-03-21'); // true
 * isIsoDate('2026-02-30'); // false
 * isIsoDate('March 2026'); // false
 */
export function isIsoDate(text: string): boolean {
  if (typeof text !== 'string') return false;
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day >= 1 && day <= daysInMonth;
}

/**
 * Freezes a catalogue value and everything reachable from it, so that shared data cannot be
 * changed by a caller.
 *
 * @example
 * const table = deepFreeze([{ value: 1 }]);
 * Object.isFrozen(table[0]); // true
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
