/**
 * Latency of one request: prefill (compute-bound), decode (bandwidth-bound) and end to end.
 *
 * @module
 */
import { INFERENCE_FLOPS_PER_PARAM_TOKEN } from './catalog/scaling.ts';
import { describeValue, efficiency, nonNegative, positive, record } from './validate.ts';

/** Options of {@link decodeTokensPerSecond}. */
export interface DecodeOptions {
  /** Bytes of weights read per decode step. */
  readonly weightBytes: number;
  /** Bytes of KV cache read per step, for all sequences in the batch (≥ 0). */
  readonly kvBytes: number;
  /** Peak memory bandwidth, bytes/s (> 0). */
  readonly bandwidthBytesPerSecond: number;
  /** Achieved fraction of peak bandwidth (MBU), in (0, 1]. */
  readonly efficiency: number;
}

/**
 * Decode speed of one sequence when generation is memory-bound: every step reads the weights
 * once plus the KV cache, so
 * `tokens/s = bandwidth × efficiency / (weightBytes + kvBytes)`
 * (Databricks, "LLM Inference Performance Engineering": MBU = (model size + KV size) / TPOT / peak).
 *
 * @example
 * // Llama 3.1 8B at BF16 on an H100 SXM (3.35 TB/s) at 70 % MBU, ignoring the KV cache
 * decodeTokensPerSecond({ weightBytes: 16.06e9, kvBytes: 0, bandwidthBytesPerSecond: 3.35e12, efficiency: 0.7 }); // ≈ 146
 */
export function decodeTokensPerSecond(options: DecodeOptions): number {
  record('options', options);
  const weights = nonNegative('weightBytes', options.weightBytes);
  const kv = nonNegative('kvBytes', options.kvBytes);
  const bandwidth = positive('bandwidthBytesPerSecond', options.bandwidthBytesPerSecond);
  const eff = efficiency('efficiency', options.efficiency);
  const bytes = weights + kv;
  if (bytes === 0) throw new RangeError('weightBytes + kvBytes must be > 0, got 0');
  return (bandwidth * eff) / bytes;
}

/**
 * Time per output token (TPOT), the reciprocal of {@link decodeTokensPerSecond}.
 *
 * @example
 * decodeSecondsPerToken({ weightBytes: 6e9, kvBytes: 0, bandwidthBytesPerSecond: 400e9, efficiency: 1 }); // 0.015
 */
export function decodeSecondsPerToken(options: DecodeOptions): number {
  return 1 / decodeTokensPerSecond(options);
}

/** Options of {@link prefillSeconds}. */
export interface PrefillOptions {
  readonly params: number;
  /** Prompt tokens processed before the first output token (≥ 0). */
  readonly promptTokens: number;
  /** Peak dense FLOP/s of the device (> 0). */
  readonly peakFlops: number;
  /** Achieved fraction of peak (MFU), in (0, 1]. */
  readonly utilization: number;
}

/**
 * Prefill time when it is compute-bound: `2·N·promptTokens / (peakFlops × utilization)`
 * (open-source-ai.tech glossary, "model FLOPs utilization"). Queueing and network come on top.
 *
 * @example
 * prefillSeconds({ params: 8e9, promptTokens: 2000, peakFlops: 989.4e12, utilization: 0.4 }); // ≈ 0.0809
 */
export function prefillSeconds(options: PrefillOptions): number {
  record('options', options);
  const n = positive('params', options.params);
  const prompt = nonNegative('promptTokens', options.promptTokens);
  const peak = positive('peakFlops', options.peakFlops);
  const util = efficiency('utilization', options.utilization);
  return (INFERENCE_FLOPS_PER_PARAM_TOKEN.value * n * prompt) / (peak * util);
}

/** Options of {@link endToEndLatencySeconds}. */
export interface EndToEndOptions {
  /** Time to first token, seconds (≥ 0). */
  readonly ttftSeconds: number;
  /** Time per output token after the first, seconds (≥ 0). */
  readonly tpotSeconds: number;
  /** Output tokens (≥ 0); with 0 or 1 the request ends at the first token. */
  readonly outputTokens: number;
  /** Network round trip added on top, seconds (≥ 0); default 0. */
  readonly networkSeconds?: number;
}

/**
 * End-to-end latency `TTFT + (outputTokens − 1) × TPOT + network`
 * (clickhouse.com, "LLM inference latency"; NVIDIA NIM metric definitions).
 *
 * @example
 * endToEndLatencySeconds({ ttftSeconds: 0.2, tpotSeconds: 0.02, outputTokens: 101, networkSeconds: 0.05 }); // 2.25
 */
export function endToEndLatencySeconds(options: EndToEndOptions): number {
  record('options', options);
  const ttft = nonNegative('ttftSeconds', options.ttftSeconds);
  const tpot = nonNegative('tpotSeconds', options.tpotSeconds);
  const out = nonNegative('outputTokens', options.outputTokens);
  const network = options.networkSeconds === undefined ? 0 : nonNegative('networkSeconds', options.networkSeconds);
  return ttft + Math.max(0, out - 1) * tpot + network;
}

/** Summary of measured latencies, from {@link measuredLatency}. */
export interface MeasuredLatency {
  readonly count: number;
  readonly meanSeconds: number;
  readonly p50Seconds: number;
  readonly p95Seconds: number;
  readonly p99Seconds: number;
  readonly maxSeconds: number;
}

/**
 * Mean and tail of imported latency samples, which override queueing estimates when available.
 * Quantiles interpolate linearly between order statistics (the "type 7" rule of R and NumPy), so
 * they are stable for small samples and exact for a constant one.
 *
 * @param samplesSeconds At least one latency in seconds, each finite and ≥ 0.
 * @example
 * measuredLatency([0.8, 1.0, 1.2, 1.1, 0.9, 3.0]);
 * // { count: 6, meanSeconds: 1.333…, p50Seconds: 1.05, p95Seconds: 2.55, p99Seconds: 2.91, maxSeconds: 3 }
 */
export function measuredLatency(samplesSeconds: readonly number[]): MeasuredLatency {
  if (!Array.isArray(samplesSeconds) || samplesSeconds.length === 0) {
    const got = Array.isArray(samplesSeconds) ? 'an empty array' : describeValue(samplesSeconds);
    throw new RangeError(`samplesSeconds must be a non-empty array of finite numbers >= 0, got ${got}`);
  }
  const sorted = samplesSeconds.map((s, i) => nonNegative(`samplesSeconds[${i}]`, s)).sort((a, b) => a - b);
  const at = (q: number): number => {
    const position = (sorted.length - 1) * q;
    const lo = Math.floor(position);
    const lower = sorted[lo] as number;
    const upper = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
    return lower + (upper - lower) * (position - lo);
  };
  let sum = 0;
  for (const s of sorted) sum += s;
  return {
    count: sorted.length,
    meanSeconds: sum / sorted.length,
    p50Seconds: at(0.5),
    p95Seconds: at(0.95),
    p99Seconds: at(0.99),
    maxSeconds: sorted[sorted.length - 1] as number,
  };
}
