import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makePromptfooResults } from '../../test/eval-files.ts';
import { AppError } from '../errors.ts';
import { MAX_EVAL_FILE_BYTES } from './eval-run.ts';
import { parsePromptfoo } from './promptfoo.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/**
 * Reference quantile written independently of core: Hyndman & Fan type 7 in its 1-based form,
 * h = (n − 1)·p + 1, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 */
const referenceQuantile = (values: number[], p: number): number => {
  const x = [...values].sort((a, b) => a - b);
  const h = (x.length - 1) * p + 1;
  const low = Math.floor(h);
  const xLow = x[low - 1] as number;
  const xHigh = x[Math.min(low, x.length - 1)] as number;
  return xLow + (h - low) * (xHigh - xLow);
};

/** Runs `parse` and returns the AppError it throws. */
const rejection = (parse: () => unknown): AppError => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('INVALID');
    expect(appError.fieldErrors?.file?.length).toBeGreaterThan(0);
    return appError;
  }
  throw new Error('expected the file to be rejected');
};

const json = (value: unknown) => JSON.stringify(value);

describe('parsePromptfoo on real-shaped files', () => {
  it.each([
    ['promptfoo-v3.json', '3', 'eval-7Kp-2025-03-14T09:12:44', '2025-03-14T09:12:44.120Z', '0.107.4'],
    ['promptfoo-v2.json', '2', 'eval-2024-06-02T14:05:31', '2024-06-02T14:05:31.804Z', null],
  ])(
    '%s: one subject per provider, pass rate, scores and uncached latency',
    (name, format, runId, createdAt, version) => {
      const bytes = fixture(name);
      const run = parsePromptfoo(bytes);

      expect(run).toMatchObject({
        tool: 'promptfoo',
        toolVersion: version,
        formatVersion: format,
        runId,
        createdAt,
        description: 'Support ticket triage',
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sizeBytes: bytes.byteLength,
      });
      expect(run.subjects.map((s) => [s.key, s.label])).toEqual([
        ['openai:gpt-4o-mini', 'openai:gpt-4o-mini'],
        ['ollama:chat:llama3.2:3b#llama-3b-local', 'llama-3b-local'],
      ]);
      const [gpt, llama] = run.subjects;

      // gpt: 3 of 4 pass; one answer came from the cache (latencyMs 2) and is left out of latency.
      expect(gpt?.cases).toEqual({ total: 4, passed: 3, failed: 1, errored: 0, cached: 1 });
      expect(gpt?.quality).toEqual({ task: 'Support ticket triage', metric: 'pass rate', value: 0.75, sampleSize: 4 });
      expect(gpt?.latency?.samples).toBe(3);
      // llama: 2 pass, 1 fails an assertion (version 2 writes its reason into `error`: still a
      // failure, not an error), 1 times out: an error, out of latency, and not a pass.
      expect(llama?.cases).toEqual({ total: 4, passed: 2, failed: 1, errored: 1, cached: 0 });
      expect(llama?.quality?.value).toBe(0.5);
      expect(llama?.latency?.samples).toBe(3);

      for (const [subject, measured] of [
        [gpt, [0.82, 1.14, 0.96]],
        [llama, [0.31, 0.45, 0.38]],
      ] as const) {
        const latency = subject?.latency;
        expect(latency?.p50Seconds).toBeCloseTo(referenceQuantile([...measured], 0.5), 12);
        expect(latency?.p95Seconds).toBeCloseTo(referenceQuantile([...measured], 0.95), 12);
        expect(latency?.p99Seconds).toBeCloseTo(referenceQuantile([...measured], 0.99), 12);
        expect(latency?.maxSeconds).toBeCloseTo(Math.max(...measured), 12);
      }

      const metric = (subject: typeof gpt, name: string) => subject?.metrics.find((m) => m.metric === name);
      expect(metric(gpt, 'pass rate')).toMatchObject({ value: 0.75, sampleSize: 4, higherIsBetter: true });
      // Sample standard deviation over √n, as lm-eval's mean_stderr: sqrt(0.75·0.25·4/3)/2.
      expect(metric(gpt, 'pass rate')?.stderr).toBeCloseTo(0.25, 12);
      expect(metric(gpt, 'mean score')).toMatchObject({ value: 0.75, sampleSize: 4 });
      // The errored case has no named scores: label_match averages the other three.
      expect(metric(llama, 'label_match')).toMatchObject({ value: 2 / 3, sampleSize: 3 });
    },
  );

  it('reads the same bytes given as text', () => {
    const bytes = fixture('promptfoo-v3.json');
    expect(parsePromptfoo(bytes.toString('utf8'))).toEqual(parsePromptfoo(bytes));
  });
});

describe('percentiles', () => {
  // Hand-computed type-7 values: 1..10 → p50 = 5.5, p95 = 9.55, p99 = 9.91.
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9.55, 9.91],
    [[2], 2, 2, 2],
    [[1, 3], 2, 2.9, 2.98],
  ])('latencies %j seconds → p50 %d, p95 %d, p99 %d', (seconds, p50, p95, p99) => {
    const file = makePromptfooResults({
      providers: [{ id: 'echo' }],
      cases: seconds.map((s) => ({ provider: 'echo', pass: true, latencyMs: s * 1000 })),
    });
    const latency = parsePromptfoo(json(file)).subjects[0]?.latency;
    expect(latency?.p50Seconds).toBeCloseTo(p50, 12);
    expect(latency?.p95Seconds).toBeCloseTo(p95, 12);
    expect(latency?.p99Seconds).toBeCloseTo(p99, 12);
  });

  it('matches the independent reference on 200 irregular latencies', () => {
    const ms = Array.from({ length: 200 }, (_, i) => 200 + ((i * 7919) % 1301) + (i % 17 === 0 ? 4000 : 0));
    const file = makePromptfooResults({
      providers: [{ id: 'echo' }],
      cases: ms.map((latencyMs) => ({ provider: 'echo', pass: true, latencyMs })),
    });
    const latency = parsePromptfoo(json(file)).subjects[0]?.latency;
    const seconds = ms.map((m) => m / 1000);
    expect(latency?.samples).toBe(200);
    expect(latency?.p50Seconds).toBeCloseTo(referenceQuantile(seconds, 0.5), 12);
    expect(latency?.p95Seconds).toBeCloseTo(referenceQuantile(seconds, 0.95), 12);
    expect(latency?.p99Seconds).toBeCloseTo(referenceQuantile(seconds, 0.99), 12);
  });

  it('leaves latency empty when every answer came from the cache or errored', () => {
    const file = makePromptfooResults({
      providers: [{ id: 'echo' }],
      cases: [
        { provider: 'echo', pass: true, latencyMs: 0, cached: true },
        { provider: 'echo', pass: false, latencyMs: 30_000, error: 'timeout' },
      ],
    });
    const [subject] = parsePromptfoo(json(file)).subjects;
    expect(subject?.latency).toBeNull();
    expect(subject?.cases).toEqual({ total: 2, passed: 1, failed: 0, errored: 1, cached: 1 });
  });
});

describe('makePromptfooResults', () => {
  it.each([2, 3] as const)('builds version %d files the parser reads back', (version) => {
    const file = makePromptfooResults({
      version,
      providers: [{ id: 'openai:gpt-4o-mini' }, { id: 'hf:distilbert', label: 'DistilBERT' }],
      cases: [
        { provider: 'openai:gpt-4o-mini', pass: true, latencyMs: 900 },
        { provider: 'openai:gpt-4o-mini', pass: false, latencyMs: 1100 },
        { provider: 'DistilBERT', pass: true, latencyMs: 40 },
        { provider: 'DistilBERT', pass: true, latencyMs: 0, cached: true },
      ],
    });
    const run = parsePromptfoo(json(file));
    expect(run.formatVersion).toBe(String(version));
    expect(run.subjects.map((s) => [s.label, s.quality?.value, s.latency?.samples])).toEqual([
      ['openai:gpt-4o-mini', 0.5, 2],
      ['DistilBERT', 1, 1],
    ]);
  });
});

describe('parsePromptfoo rejects malformed files, naming the problem', () => {
  const good = () =>
    makePromptfooResults({
      providers: [{ id: 'a' }, { id: 'b' }],
      cases: [
        { provider: 'a', pass: true, latencyMs: 100 },
        { provider: 'b', pass: true, latencyMs: 200 },
        { provider: 'a', pass: false, latencyMs: 300 },
        { provider: 'b', pass: true, latencyMs: 400 },
      ],
    });
  type Loose = Record<string, unknown> & { results: Record<string, unknown> };
  const edited = (edit: (file: Loose) => void) => {
    const file = good() as unknown as Loose;
    edit(file);
    return json(file);
  };
  const resultsOf = (file: { results: Record<string, unknown> }) => file.results.results as Record<string, unknown>[];

  it.each<[string, () => string | Uint8Array, RegExp]>([
    ['not JSON', () => '{"evalId": "x", "results": {', /^The file is not JSON: .*position|line/],
    ['an empty file', () => '', /The file is empty/],
    ['bytes that are not UTF-8', () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8/],
    ['a JSON list', () => '[1, 2]', /not a promptfoo results file: .*list/],
    ['no results', () => json({ evalId: 'x', config: {} }), /not a promptfoo results file: it has no results\./],
    [
      'no results.version',
      () => edited((f) => delete f.results.version),
      /not a promptfoo results file: it has no results\.version/,
    ],
    ['version 4', () => edited((f) => (f.results.version = 4)), /Results version 4 is not supported: .*version 3/],
    ['version 1', () => edited((f) => (f.results.version = 1)), /Results version 1 is not supported: .*Re-run/],
    ['version as text', () => edited((f) => (f.results.version = '3')), /results\.version is not a number/],
    [
      'a latency that is a string',
      () => edited((f) => ((resultsOf(f)[3] as Record<string, unknown>).latencyMs = '400')),
      /results\.results\[3\]\.latencyMs is not a number \(found the text "400"\)/,
    ],
    [
      'a negative latency',
      () => edited((f) => ((resultsOf(f)[1] as Record<string, unknown>).latencyMs = -5)),
      /results\.results\[1\]\.latencyMs is below 0/,
    ],
    ['empty results', () => edited((f) => (f.results.results = [])), /results\.results is empty/],
    [
      'a result without provider',
      () => edited((f) => delete (resultsOf(f)[0] as Record<string, unknown>).provider),
      /results\.results\[0\]\.provider is missing/,
    ],
    [
      'a version 3 result without testIdx',
      () => edited((f) => delete (resultsOf(f)[2] as Record<string, unknown>).testIdx),
      /results\.results\[2\]\.testIdx is missing/,
    ],
    ['no stats', () => edited((f) => delete f.results.stats), /results\.stats is missing/],
  ])('%s', (_, file, message) => {
    const error = rejection(() => parsePromptfoo(file()));
    expect(error.message).toMatch(message);
  });

  it('lists every problem in the file field', () => {
    const file = edited((f) => {
      (resultsOf(f)[0] as Record<string, unknown>).latencyMs = 'fast';
      (resultsOf(f)[1] as Record<string, unknown>).success = 'yes';
    });
    const error = rejection(() => parsePromptfoo(file));
    expect(error.message).toMatch(/\(and 1 more problem\)\.$/);
    expect(error.fieldErrors?.file).toEqual([
      'results.results[0].latencyMs is not a number (found the text "fast")',
      'results.results[1].success is not true or false (found the text "yes")',
    ]);
  });

  it('refuses a file over 50 MB before reading it', () => {
    const error = rejection(() => parsePromptfoo(new Uint8Array(MAX_EVAL_FILE_BYTES + 1)));
    expect(error.message).toMatch(/larger than 50\.0 MB/);
  });
});
