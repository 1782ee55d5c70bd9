/**
 * Reads the file `promptfoo eval --output results.json` writes.
 *
 * Layout (github.com/promptfoo/promptfoo, `src/types/index.ts`): the file is an `OutputFile`
 * `{ evalId, results, config, shareableUrl, metadata? }` whose `results` is an
 * `EvaluateSummaryV3` `{ version: 3, timestamp, results: EvaluateResult[], prompts: CompletedPrompt[], stats }`
 * or, from releases before October 2024 (promptfoo PR #1776), an `EvaluateSummaryV2`
 * `{ version: 2, timestamp, results: EvaluateResult[], table: EvaluateTable, stats }`.
 * The two share `EvaluateResult` (`provider: { id, label? }`, `success`, `score`, `latencyMs`,
 * `response?: ProviderResponse` with `cached?`, `error?`); version 3 adds `promptIdx`/`testIdx`
 * and `failureReason` (0 none, 1 assertion, 2 error) and drops the table.
 * `metadata.promptfooVersion` (`OutputMetadata`) exists only in recent releases.
 *
 * Only what Rightsize uses is checked strictly (the measurements); everything else passes through.
 *
 * @module
 */
import { measuredLatency } from '@rightsize/core';
import { z } from 'zod';
import {
  invalidFile,
  isRecord,
  isoOrNull,
  loadJsonFile,
  meanWithStderr,
  parseOrReject,
  type EvalMetric,
  type EvalSubject,
  type LoadedFile,
  type ParsedEvalRun,
} from './eval-run.ts';

const WHAT = 'promptfoo results file';

/** promptfoo's `ResultFailureReason.ERROR`. */
const FAILURE_REASON_ERROR = 2;

// `response` is a ProviderResponse; only `cached` and `error` matter here.
const zResponse = z
  .looseObject({ cached: z.boolean().optional(), error: z.unknown().optional() })
  .nullable()
  .optional();

const zResultCommon = {
  provider: z.looseObject({ id: z.string().min(1), label: z.string().nullable().optional() }),
  success: z.boolean(),
  // JSON.stringify writes a NaN score as null: kept, and left out of the mean score.
  score: z.number().nullable(),
  latencyMs: z.number().min(0),
  response: zResponse,
  error: z.string().nullable().optional(),
  namedScores: z.record(z.string(), z.number().nullable()).optional(),
};

const zResultV3 = z.looseObject({
  ...zResultCommon,
  promptIdx: z.int().min(0),
  testIdx: z.int().min(0),
  // Absent from the first version-3 releases (promptfoo's own examples/simple-cli/output.json).
  failureReason: z.int().min(0).optional(),
});

const zResultV2 = z.looseObject(zResultCommon);

const zStats = z.looseObject({
  successes: z.int().min(0),
  failures: z.int().min(0),
  errors: z.int().min(0).optional(),
});

const zSummaryV3 = z.looseObject({
  version: z.literal(3),
  timestamp: z.string(),
  results: z.array(zResultV3).min(1),
  prompts: z.array(z.looseObject({ provider: z.string() })),
  stats: zStats,
});

const zSummaryV2 = z.looseObject({
  version: z.literal(2),
  timestamp: z.string().optional(),
  results: z.array(zResultV2).min(1),
  table: z.looseObject({
    head: z.looseObject({ prompts: z.array(z.unknown()), vars: z.array(z.unknown()) }),
    body: z.array(z.unknown()),
  }),
  stats: zStats,
});

const zOutputFile = <S extends z.ZodType>(summary: S) =>
  z.looseObject({
    evalId: z.string().nullable().optional(),
    results: summary,
    config: z.looseObject({ description: z.string().optional() }).nullable().optional(),
    metadata: z.looseObject({ promptfooVersion: z.string().optional() }).optional(),
  });

type Result = z.infer<typeof zResultV2> & { failureReason?: number };

const isErrored = (result: Result): boolean => {
  if (result.failureReason !== undefined) return result.failureReason === FAILURE_REASON_ERROR;
  // Version 2 has no failureReason and also sets `error` on assertion failures, so only a provider
  // error in the response marks an errored case there.
  const providerError = result.response?.error;
  return typeof providerError === 'string' && providerError !== '';
};

/** Checks the layout version before anything else, so the message says what to do. */
const checkVersion = (json: unknown): 2 | 3 => {
  if (!isRecord(json)) throw invalidFile(`This is not a ${WHAT}: the file holds a JSON list or value, not an object.`);
  if (!('results' in json)) throw invalidFile(`This is not a ${WHAT}: it has no results.`);
  const summary = json.results;
  if (!isRecord(summary)) {
    throw invalidFile(`This is not a ${WHAT}: results is not an object.`);
  }
  if (!('version' in summary)) throw invalidFile(`This is not a ${WHAT}: it has no results.version.`);
  const { version } = summary;
  if (version === 3 || version === 2) return version;
  if (typeof version !== 'number') {
    throw invalidFile(`This is not a ${WHAT}: results.version is not a number.`);
  }
  if (version < 2) {
    throw invalidFile(
      `Results version ${version} is not supported: it comes from a promptfoo release older than 2024. Re-run the eval with a current promptfoo, which writes version 3.`,
    );
  }
  throw invalidFile(
    `Results version ${version} is not supported: Rightsize reads versions 2 and 3. Export with a promptfoo release that writes version 3 (releases since October 2024 do).`,
  );
};

/** One subject per provider, in order of first appearance; results across prompts are pooled. */
const summarise = (results: Result[], task: string): EvalSubject[] => {
  const byKey = new Map<string, { label: string; results: Result[] }>();
  for (const result of results) {
    const label = result.provider.label ? result.provider.label : null;
    const key = label ? `${result.provider.id}#${label}` : result.provider.id;
    const entry = byKey.get(key) ?? { label: label ?? result.provider.id, results: [] };
    entry.results.push(result);
    byKey.set(key, entry);
  }
  return [...byKey].map(([key, { label, results: own }]) => {
    const total = own.length;
    const passed = own.filter((r) => r.success).length;
    const errored = own.filter((r) => !r.success && isErrored(r)).length;
    const cached = own.filter((r) => r.response?.cached === true).length;

    // Pass rate over every case: an errored case did not pass (promptfoo counts it in neither
    // successes nor failures, but for choosing a model an error is a miss).
    const passRate = meanWithStderr(own.map((r) => (r.success ? 1 : 0)));
    const metrics: EvalMetric[] = [
      {
        task,
        metric: 'pass rate',
        value: passRate.mean,
        stderr: passRate.stderr,
        sampleSize: total,
        higherIsBetter: true,
      },
    ];
    const scores = own.flatMap((r) => (r.score === null ? [] : [r.score]));
    if (scores.length > 0) {
      const score = meanWithStderr(scores);
      metrics.push({
        task,
        metric: 'mean score',
        value: score.mean,
        stderr: score.stderr,
        sampleSize: scores.length,
        higherIsBetter: true,
      });
    }
    const named = new Map<string, number[]>();
    for (const r of own) {
      for (const [name, value] of Object.entries(r.namedScores ?? {})) {
        if (value !== null) named.set(name, [...(named.get(name) ?? []), value]);
      }
    }
    for (const [name, values] of named) {
      const m = meanWithStderr(values);
      metrics.push({
        task,
        metric: name,
        value: m.mean,
        stderr: m.stderr,
        sampleSize: values.length,
        higherIsBetter: true,
      });
    }

    // Latency percentiles use only requests that were really sent and answered. A cached response
    // was not measured in this run: promptfoo reports it with latencyMs 0 or the cache lookup time
    // (a few ms), either of which would drag the percentiles down. An errored case measures the
    // failure path (an instant refusal or a timeout), not serving latency.
    const samples = own.filter((r) => r.response?.cached !== true && !isErrored(r)).map((r) => r.latencyMs / 1000);
    const measured = samples.length > 0 ? measuredLatency(samples) : null;

    return {
      key,
      label,
      quality: { task, metric: 'pass rate', value: passRate.mean, sampleSize: total },
      metrics,
      latency: measured && {
        samples: measured.count,
        meanSeconds: measured.meanSeconds,
        p50Seconds: measured.p50Seconds,
        p95Seconds: measured.p95Seconds,
        p99Seconds: measured.p99Seconds,
        maxSeconds: measured.maxSeconds,
      },
      cases: { total, passed, failed: total - passed - errored, errored, cached },
    };
  });
};

/** @internal Parses an already loaded file (shared with detectAndParse). */
export const promptfooFromLoaded = ({ json, sha256, sizeBytes }: LoadedFile): ParsedEvalRun => {
  const version = checkVersion(json);
  const file =
    version === 3
      ? parseOrReject(zOutputFile(zSummaryV3), json, WHAT)
      : parseOrReject(zOutputFile(zSummaryV2), json, WHAT);
  const description = file.config?.description?.trim() || null;
  return {
    tool: 'promptfoo',
    toolVersion: file.metadata?.promptfooVersion ?? null,
    formatVersion: String(version),
    runId: file.evalId ?? null,
    createdAt: isoOrNull(file.results.timestamp),
    description,
    subjects: summarise(file.results.results, description ?? 'promptfoo eval'),
    sha256,
    sizeBytes,
  };
};

/**
 * Parses a promptfoo results file (layout version 2 or 3) into one subject per provider: pass rate
 * as quality, mean and named scores as metrics, latency percentiles of uncached successful cases.
 *
 * @throws AppError INVALID naming what is wrong and where; never returns a partial result.
 */
export function parsePromptfoo(raw: string | Uint8Array): ParsedEvalRun {
  return promptfooFromLoaded(loadJsonFile(raw));
}
