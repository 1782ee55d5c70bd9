/**
 * The catalogues: typed data with a source and an as-of date on every figure.
 *
 * @module
 */
export {
  figure,
  isIsoDate,
  provenance,
  REFERENCE_SNAPSHOT_AS_OF,
  type AsOfBasis,
  type Provenance,
  type ProvenanceInput,
  type Sourced,
  type Status,
} from './provenance.ts';
export * from './devices.ts';
export * from './models.ts';
export * from './quant.ts';
export * from './prices.ts';
export * from './scaling.ts';
export * from './efficiency.ts';
