/**
 * The price ladder: API prices per million output tokens, cheapest to dearest.
 *
 * @module
 */
import { apiPrices, type ApiPrice, type ApiPriceId } from './catalog/prices.ts';
import { deepFreeze } from './catalog/provenance.ts';
import { bool, record } from './validate.ts';

/** One rung of the ladder. */
export interface PriceLadderRow {
  readonly id: ApiPriceId;
  readonly model: string;
  readonly provider: string;
  readonly outputUsdPerMillion: number;
  readonly inputUsdPerMillion: number;
  /** outputUsdPerMillion / the cheapest rung's. */
  readonly timesCheapest: number;
  readonly source: string;
  readonly asOf: string;
  readonly flagged?: string;
}

/** The ladder, sorted by output price (ties by id), with the spread it spans. */
export interface PriceLadder {
  readonly rows: readonly PriceLadderRow[];
  readonly cheapest: PriceLadderRow;
  readonly dearest: PriceLadderRow;
  /** dearest / cheapest output price. */
  readonly cheapestToDearestRatio: number;
}

function build(prices: readonly ApiPrice[]): PriceLadder {
  const sorted = [...prices].sort(
    (a, b) => a.outputUsdPerMillion - b.outputUsdPerMillion || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) throw new Error('the API price catalogue is empty');
  const rows = sorted.map((p): PriceLadderRow => ({
    id: p.id,
    model: p.model,
    provider: p.provider,
    outputUsdPerMillion: p.outputUsdPerMillion,
    inputUsdPerMillion: p.inputUsdPerMillion,
    timesCheapest: p.outputUsdPerMillion / first.outputUsdPerMillion,
    source: p.source,
    asOf: p.asOf,
    ...(p.flagged === undefined ? {} : { flagged: p.flagged }),
  }));
  return {
    rows,
    cheapest: rows[0] as PriceLadderRow,
    dearest: rows[rows.length - 1] as PriceLadderRow,
    cheapestToDearestRatio: last.outputUsdPerMillion / first.outputUsdPerMillion,
  };
}

const ALL = deepFreeze(build(apiPrices));
const UNFLAGGED = deepFreeze(build(apiPrices.filter((p) => p.flagged === undefined)));

/**
 * The price ladder per million output tokens from the API catalogue.
 *
 * By default every catalogue price is on it, flagged ones marked; `includeFlagged: false` leaves
 * out the undated open-weight provider prices the reference flags.
 *
 * @example
 * priceLadder().cheapestToDearestRatio; // 2500 ($75 Claude Opus 4 / $0.03 DeepInfra Llama 3.1 8B)
 * priceLadder({ includeFlagged: false }).cheapestToDearestRatio; // 375 ($75 / $0.20 Fireworks Llama 3.1 8B)
 */
export function priceLadder(options: { readonly includeFlagged?: boolean } = {}): PriceLadder {
  record('options', options);
  const include = options.includeFlagged === undefined ? true : bool('includeFlagged', options.includeFlagged);
  return include ? ALL : UNFLAGGED;
}
