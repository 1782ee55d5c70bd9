import { describe, expect, it } from 'vitest';
import {
  decodeSecondsPerToken,
  decodeTokensPerSecond,
  endToEndLatencySeconds,
  measuredLatency,
  prefillSeconds,
} from './latency.ts';
import { expectClose } from './test-helpers.ts';

describe('decode', () => {
  it.each([
    // weights, kv, bandwidth, efficiency, tokens/s
    [6e9, 0, 400e9, 1, 66.666_666_666_666_67], // 3B FP16 on 400 GB/s (the lesson's "~60 tok/s on M3-class")
    [1.5e9, 0, 76.8e9, 1, 51.2], // 3B Q4 on a Snapdragon 8 Gen 3
    [16.06e9, 0, 3.35e12, 0.7, (3.35e12 * 0.7) / 16.06e9],
    [16e9, 4e9, 2e12, 0.5, 50],
  ])('%d B weights + %d B KV at %d B/s × %d → %d tok/s', (w, kv, bw, eff, tps) => {
    const options = { weightBytes: w, kvBytes: kv, bandwidthBytesPerSecond: bw, efficiency: eff };
    expectClose(decodeTokensPerSecond(options), tps);
    expectClose(decodeSecondsPerToken(options), 1 / tps);
  });
});

describe('prefill', () => {
  it.each([
    [8e9, 2000, 989.4e12, 0.4, (2 * 8e9 * 2000) / (989.4e12 * 0.4)],
    [3e9, 1000, 1e15, 1, 6e-3],
    [3e9, 0, 1e15, 1, 0],
  ])('N=%d prompt=%d → %d s', (params, promptTokens, peakFlops, utilization, seconds) => {
    expectClose(prefillSeconds({ params, promptTokens, peakFlops, utilization }), seconds);
  });
});

describe('end to end', () => {
  it.each([
    [0.2, 0.02, 101, 0.05, 2.25],
    [0.2, 0.02, 1, 0, 0.2],
    [0.2, 0.02, 0, 0, 0.2],
    [0.3, 0.01, 51, undefined, 0.8],
  ])('TTFT %d + (%d tokens…) → %d s', (ttft, tpot, out, network, seconds) => {
    expectClose(
      endToEndLatencySeconds({
        ttftSeconds: ttft,
        tpotSeconds: tpot,
        outputTokens: out,
        ...(network === undefined ? {} : { networkSeconds: network }),
      }),
      seconds,
    );
  });

  it('rejects a decode with nothing to read', () => {
    expect(() =>
      decodeTokensPerSecond({ weightBytes: 0, kvBytes: 0, bandwidthBytesPerSecond: 1e9, efficiency: 1 }),
    ).toThrow(RangeError);
  });
});

describe('measured samples', () => {
  it('summarises mean and interpolated quantiles', () => {
    const r = measuredLatency([0.8, 1.0, 1.2, 1.1, 0.9, 3.0]);
    expect(r.count).toBe(6);
    expectClose(r.meanSeconds, 8 / 6);
    expectClose(r.p50Seconds, 1.05);
    expectClose(r.p95Seconds, 2.55);
    expectClose(r.p99Seconds, 2.91);
    expect(r.maxSeconds).toBe(3);
  });

  it('handles one sample and does not reorder the caller’s array', () => {
    expect(measuredLatency([0.25]).p99Seconds).toBe(0.25);
    const samples = [3, 1, 2];
    measuredLatency(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});
