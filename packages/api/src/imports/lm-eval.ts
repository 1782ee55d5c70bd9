/**
 * Reads the `results_<date>.json` file `lm_eval --output_path …` writes.
 *
 * Layout (github.com/EleutherAI/lm-evaluation-harness): `lm_eval/result_schema.py` (`EvalResults`,
 * `_TaskMetrics`, `_SampleCount`, `_EvalConfig`), assembled by `EvalAcc._to_eval_results` in
 * `lm_eval/evaluator_utils.py`, completed by `simple_evaluate` in `lm_eval/evaluator.py` (`config`,
 * `date` as a UNIX timestamp, `lm_eval_version` via `loggers/utils.py` `add_env_info`) and written by
 * `EvaluationTracker.save_results_aggregated` in `lm_eval/loggers/evaluation_tracker.py` (adds
 * `model_name`, `task_hashes`, …, `json.dumps`, so NaN can appear as a bare word).
 *
 * `results` maps each task and group to `{ alias, "<metric>,<filter>": value,
 * "<metric>_stderr,<filter>": value | "N/A", … }`; files from lm-eval 0.3 have no `,<filter>`
 * suffix (`acc`, `acc_stderr`) and no `n-samples`. One file describes one model.
 *
 * @module
 */
import { z } from 'zod';
import {
  describeFound,
  formatPath,
  invalidFile,
  isRecord,
  isoOrNull,
  loadJsonFile,
  parseOrReject,
  type EvalMetric,
  type EvalQuality,
  type LoadedFile,
  type ParsedEvalRun,
} from './eval-run.ts';

const WHAT = 'lm-evaluation-harness results file';

/** Keys of a task entry that describe it rather than measure it (`_TaskMetrics` fixed keys). */
const ENTRY_INFO_KEYS = new Set(['alias', 'name', 'sample_len', 'sample_count']);

/** Written where a value could not be computed (stderr of one sample, a group without aggregation). */
const NOT_AVAILABLE = 'N/A';

const zFile = z.looseObject({
  results: z.record(z.string(), z.record(z.string(), z.unknown())),
  group_subtasks: z.record(z.string(), z.array(z.string())).optional(),
  higher_is_better: z.record(z.string(), z.record(z.string(), z.boolean().nullable())).optional(),
  'n-samples': z.record(z.string(), z.looseObject({ original: z.int().min(0), effective: z.int().min(0) })).optional(),
  config: z
    .looseObject({
      model: z.string().optional(),
      model_args: z
        .union([z.string(), z.record(z.string(), z.unknown())])
        .nullable()
        .optional(),
    })
    .optional(),
  model_name: z.string().optional(),
  date: z.number().nullable().optional(),
  lm_eval_version: z.string().optional(),
});

type LmEvalFile = z.infer<typeof zFile>;

/** `acc,none` → `acc` + `none`; `acc` (lm-eval 0.3) → `acc` + no filter. */
const splitKey = (key: string): { name: string; filter: string | null } => {
  const comma = key.indexOf(',');
  return comma === -1 ? { name: key, filter: null } : { name: key.slice(0, comma), filter: key.slice(comma + 1) };
};

const stderrKey = (name: string, filter: string | null) =>
  filter === null ? `${name}_stderr` : `${name}_stderr,${filter}`;

/** A measured value: a finite number, or null when lm-eval wrote NaN, null or "N/A" (not computed). */
const readValue = (value: unknown, path: PropertyKey[]): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || value === NOT_AVAILABLE) return null;
  throw invalidFile(
    `This is not a valid ${WHAT}: ${formatPath(path)} is not a number (found ${describeFound(value)}).`,
  );
};

type ModelArgs = NonNullable<LmEvalFile['config']>['model_args'];

/** `model_args` as lm-eval prints it: `k=v,k=v`, whether the file holds a string or a dict. */
const modelArgsText = (args: ModelArgs): string => {
  if (args === null || args === undefined) return '';
  if (typeof args === 'string') return args;
  return Object.entries(args)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(',');
};

/** `pretrained=EleutherAI/pythia-160m,dtype=float32` → `EleutherAI/pythia-160m`. */
const pretrainedFrom = (args: string): string | null => {
  for (const part of args.split(',')) {
    const [k, ...v] = part.split('=');
    if (k?.trim() === 'pretrained' || k?.trim() === 'model') return v.join('=').trim() || null;
  }
  return null;
};

/** Metrics of one task entry, in file order, each with its stderr. */
const taskMetrics = (file: LmEvalFile, task: string, entry: Record<string, unknown>): EvalMetric[] => {
  const nSamples = file['n-samples']?.[task];
  const sampleLen = entry.sample_len;
  const sampleSize = nSamples ? nSamples.effective : typeof sampleLen === 'number' ? sampleLen : null;
  const metrics: EvalMetric[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (ENTRY_INFO_KEYS.has(key)) continue;
    const { name, filter } = splitKey(key);
    if (name.endsWith('_stderr')) {
      readValue(value, ['results', task, key]);
      continue;
    }
    // Unknown descriptive keys (text without a filter suffix) from other releases are not metrics.
    if (filter === null && typeof value !== 'number' && value !== null) continue;
    const measured = readValue(value, ['results', task, key]);
    if (measured === null) continue;
    const errKey = stderrKey(name, filter);
    const stderr = errKey in entry ? readValue(entry[errKey], ['results', task, errKey]) : null;
    metrics.push({
      task,
      metric: key,
      value: measured,
      stderr: stderr !== null && stderr >= 0 ? stderr : null,
      sampleSize,
      higherIsBetter: file.higher_is_better?.[task]?.[name] ?? null,
    });
  }
  return metrics;
};

/** @internal Parses an already loaded file (shared with detectAndParse). */
export const lmEvalFromLoaded = ({ json, sha256, sizeBytes }: LoadedFile): ParsedEvalRun => {
  if (!isRecord(json)) throw invalidFile(`This is not an ${WHAT}: the file holds a JSON list or value, not an object.`);
  if (!('results' in json)) throw invalidFile(`This is not an ${WHAT}: it has no results.`);
  const file = parseOrReject(zFile, json, WHAT);
  const tasks = Object.entries(file.results);
  if (tasks.length === 0) throw invalidFile(`This ${WHAT} has no task results: results is empty.`);

  const metrics = tasks.flatMap(([task, entry]) => taskMetrics(file, task, entry));
  if (metrics.length === 0) {
    throw invalidFile(`This ${WHAT} has no measured metric: every value in results is missing or "N/A".`);
  }

  // The proposed quality is the first metric (in file order) of the first top-level task, that is
  // the first task or group that is no group's subtask: for `--tasks mmlu,hellaswag` it is mmlu's
  // aggregate `acc,none`. Every other metric stays in `metrics` for the user to pick.
  const subtasks = new Set(Object.values(file.group_subtasks ?? {}).flat());
  const headline = metrics.find((m) => !subtasks.has(m.task)) ?? metrics[0];
  const quality: EvalQuality | null = headline
    ? { task: headline.task, metric: headline.metric, value: headline.value, sampleSize: headline.sampleSize }
    : null;

  const model = file.config?.model ?? null;
  const args = modelArgsText(file.config?.model_args);
  const label = file.model_name ?? pretrainedFrom(args) ?? model ?? 'lm-eval model';
  const key = [model ?? 'model', args].filter(Boolean).join(':');
  // add_env_info stores the exception text when the package version cannot be read.
  const toolVersion = file.lm_eval_version && /^\d/.test(file.lm_eval_version) ? file.lm_eval_version : null;

  return {
    tool: 'lm-eval',
    toolVersion,
    formatVersion: null,
    runId: null,
    createdAt: isoOrNull(file.date, 's'),
    description: null,
    subjects: [{ key, label, quality, metrics, latency: null, cases: null }],
    sha256,
    sizeBytes,
  };
};

/**
 * Parses an lm-evaluation-harness results file into one subject (the model) with every task's
 * metrics; quality is the first metric of the first top-level task. lm-eval measures no latency.
 *
 * @throws AppError INVALID naming what is wrong and where; never returns a partial result.
 */
export function parseLmEval(raw: string | Uint8Array): ParsedEvalRun {
  return lmEvalFromLoaded(loadJsonFile(raw));
}
