/**
 * Queueing: waiting and tail latency of c identical replicas serving Poisson arrivals with
 * exponential service times (M/M/c, Erlang C).
 *
 * These are textbook results (the reference marks them "derived"). Continuous batching makes
 * service time load-dependent, so the closed-form tails are optimistic near saturation; measured
 * samples should override them when available.
 *
 * @module
 */
import { checkNumber, nonNegative, positive, record } from './validate.ts';

/** Options of {@link erlangC} and {@link mmcLatency}. */
export interface MmcOptions {
  /** Mean arrival rate λ, requests/s (≥ 0). */
  readonly arrivalRatePerSecond: number;
  /** Mean service rate μ of one server (replica), requests/s (> 0): 1 / mean service time. */
  readonly serviceRatePerSecond: number;
  /** Servers c (integer ≥ 1, at most 100,000). */
  readonly servers: number;
}

const MAX_SERVERS = 100_000;

function checkMmc(options: MmcOptions): { lambda: number; mu: number; c: number } {
  record('options', options);
  const lambda = nonNegative('arrivalRatePerSecond', options.arrivalRatePerSecond);
  const mu = positive('serviceRatePerSecond', options.serviceRatePerSecond);
  const c = checkNumber('servers', options.servers, { min: 1, max: MAX_SERVERS, integer: true });
  return { lambda, mu, c };
}

function erlangCOf(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  if (a >= c) return 1;
  if (a === 0) return 0;
  // Erlang B by its recursion B(k) = a·B(k−1) / (k + a·B(k−1)), which never overflows,
  // then C = B / (1 − ρ(1 − B)) with ρ = a / c.
  let b = 1;
  for (let k = 1; k <= c; k += 1) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/**
 * Erlang C: the probability that an arriving request has to wait because all c servers are busy.
 * Returns 1 when the system is unstable (λ ≥ c·μ).
 *
 * Computed through the Erlang B recursion, which stays finite for any number of servers (the
 * textbook factorial form overflows beyond ~170).
 *
 * @example
 * erlangC({ arrivalRatePerSecond: 2, serviceRatePerSecond: 1, servers: 3 }); // 0.4444… (4/9)
 * erlangC({ arrivalRatePerSecond: 0.5, serviceRatePerSecond: 1, servers: 1 }); // 0.5 (M/M/1: ρ)
 */
export function erlangC(options: MmcOptions): number {
  const { lambda, mu, c } = checkMmc(options);
  return erlangCOf(lambda, mu, c);
}

/** Result of {@link mmcLatency}. Times are response times: waiting plus service. */
export interface MmcLatency {
  /** ρ = λ / (c·μ); ≥ 1 means the queue grows without bound. */
  readonly utilization: number;
  /** Erlang C. */
  readonly probabilityOfWaiting: number;
  /** Mean time in queue, `C / (c·μ − λ)`. */
  readonly meanWaitSeconds: number;
  /** Mean response time, `1/μ + meanWait`. */
  readonly meanLatencySeconds: number;
  readonly p50Seconds: number;
  readonly p95Seconds: number;
  readonly p99Seconds: number;
  /** False when ρ ≥ 1: then every time above is `Infinity`. */
  readonly stable: boolean;
}

/**
 * Survival function of the M/M/c (FCFS) response time R = W + S, where the wait W is 0 with
 * probability 1 − C and otherwise exponential with rate θ = cμ − λ, and the service S is
 * exponential with rate μ, independent of W:
 * `P(R > t) = e^{−μt} + C·μ·(e^{−μt} − e^{−θt}) / (θ − μ)` (limit `e^{−μt}(1 + Cμt)` when θ = μ).
 * The difference is evaluated with `expm1` so that θ ≈ μ loses no precision.
 */
function responseSurvival(t: number, mu: number, theta: number, c: number): number {
  const delta = theta - mu;
  let m: number;
  if (delta > 0) m = (-Math.exp(-mu * t) * Math.expm1(-delta * t)) / delta;
  else if (delta < 0) m = (Math.exp(-theta * t) * Math.expm1(delta * t)) / delta;
  else m = t * Math.exp(-mu * t);
  return Math.exp(-mu * t) + c * mu * m;
}

function responseQuantile(q: number, mu: number, theta: number, c: number): number {
  const target = 1 - q;
  if (target >= 1) return 0;
  let hi = -Math.log(target) * (1 / mu + 1 / theta);
  while (responseSurvival(hi, mu, theta, c) > target) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 200; i += 1) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (responseSurvival(mid, mu, theta, c) > target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Mean and tail response time of an M/M/c queue (Erlang C).
 *
 * Quantiles are exact for the model: the response time is the sum of the wait (0 with probability
 * 1 − C, else exponential with rate cμ − λ, since `P(W > t) = C·e^{−(cμ−λ)t}`) and an independent
 * exponential service time; its survival function has a closed form, inverted by bisection to
 * machine precision. An unstable system (ρ ≥ 1) returns `stable: false` and infinite times rather
 * than throwing.
 *
 * @example
 * const r = mmcLatency({ arrivalRatePerSecond: 2, serviceRatePerSecond: 1, servers: 3 });
 * r.probabilityOfWaiting; // 0.444…
 * r.meanWaitSeconds; // 0.444…
 * r.meanLatencySeconds; // 1.444…
 * // M/M/1 check: response time is exponential with rate μ − λ, so p95 = ln 20 / (μ − λ)
 * mmcLatency({ arrivalRatePerSecond: 0.5, serviceRatePerSecond: 1, servers: 1 }).p95Seconds; // 5.99…
 */
export function mmcLatency(options: MmcOptions): MmcLatency {
  const { lambda, mu, c } = checkMmc(options);
  const utilization = lambda / (c * mu);
  if (utilization >= 1) {
    const inf = Number.POSITIVE_INFINITY;
    return {
      utilization,
      probabilityOfWaiting: 1,
      meanWaitSeconds: inf,
      meanLatencySeconds: inf,
      p50Seconds: inf,
      p95Seconds: inf,
      p99Seconds: inf,
      stable: false,
    };
  }
  const pWait = erlangCOf(lambda, mu, c);
  const theta = c * mu - lambda;
  const meanWait = pWait / theta;
  return {
    utilization,
    probabilityOfWaiting: pWait,
    meanWaitSeconds: meanWait,
    meanLatencySeconds: 1 / mu + meanWait,
    p50Seconds: responseQuantile(0.5, mu, theta, pWait),
    p95Seconds: responseQuantile(0.95, mu, theta, pWait),
    p99Seconds: responseQuantile(0.99, mu, theta, pWait),
    stable: true,
  };
}

/**
 * Any quantile of the M/M/c response time (see {@link mmcLatency}); `Infinity` when unstable.
 *
 * @param quantile In [0, 1).
 * @example
 * mmcResponseTimeQuantileSeconds({ arrivalRatePerSecond: 0, serviceRatePerSecond: 2, servers: 1, quantile: 0.5 }); // ln 2 / 2 ≈ 0.347
 */
export function mmcResponseTimeQuantileSeconds(options: MmcOptions & { readonly quantile: number }): number {
  const { lambda, mu, c } = checkMmc(options);
  const q = checkNumber('quantile', options.quantile, { min: 0, max: 1, maxExclusive: true });
  if (lambda >= c * mu) return Number.POSITIVE_INFINITY;
  return responseQuantile(q, mu, c * mu - lambda, erlangCOf(lambda, mu, c));
}
