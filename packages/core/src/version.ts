/**
 * The estimator's version: which formulas and catalogue figures produced a set of figures.
 *
 * Change it whenever a formula, a default (peak-to-mean ratio, utilisation target, runtime
 * overhead, efficiencies) or a catalogue figure (models, devices, prices, quantisation formats)
 * changes, so that figures frozen into a decision's snapshot say which estimator computed them and
 * can be recomputed with the same one. The format is `<year>.<month>.<release>`; it says nothing
 * about compatibility, only identity.
 *
 * @example
 * snapshot.estimatorVersion === ESTIMATOR_VERSION; // false once the catalogue has moved on
 */
export const ESTIMATOR_VERSION = '2026.11.1';
