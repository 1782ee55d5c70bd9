/**
 * What an imported eval results file becomes, whichever tool wrote it, and the reading steps every
 * parser shares: size limit, UTF-8, JSON, SHA-256 of the raw bytes, and plain-words rejections.
 *
 * Parsers are pure (no database, no clock): they either return a whole {@link ParsedEvalRun} or
 * throw `AppError('INVALID')` with `fieldErrors.file` — never a partial result.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { EVAL_FILE_MAX_BYTES } from '@rightsize/validators';
import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** Largest file accepted, in bytes (50 MB): a promptfoo run with thousands of long responses fits. */
export const MAX_EVAL_FILE_BYTES = EVAL_FILE_MAX_BYTES;

export type EvalTool = 'promptfoo' | 'lm-eval';

/** One measured figure of a subject. */
export interface EvalMetric {
  /** lm-eval: the task or group name (`hellaswag`); promptfoo: the eval's description. */
  task: string;
  /** lm-eval: `metric,filter` as written (`acc,none`); promptfoo: `pass rate`, `mean score` or a named score. */
  metric: string;
  value: number;
  /** Standard error of `value` when the file gives it or it can be computed; otherwise null. */
  stderr: number | null;
  /** Cases behind `value`; null when the file does not say. */
  sampleSize: number | null;
  /** From lm-eval's `higher_is_better`; promptfoo's figures are all higher-is-better. */
  higherIsBetter: boolean | null;
}

/** The one figure proposed as the subject's quality; the UI may let the user pick another metric. */
export interface EvalQuality {
  task: string;
  metric: string;
  value: number;
  sampleSize: number | null;
}

/** Latency percentiles of the measured (uncached, successful) requests, from core's `measuredLatency`. */
export interface EvalLatency {
  samples: number;
  meanSeconds: number;
  p50Seconds: number;
  p95Seconds: number;
  p99Seconds: number;
  maxSeconds: number;
}

/** promptfoo's per-case outcome counts for a subject (`failed` excludes errors). */
export interface EvalCases {
  total: number;
  passed: number;
  failed: number;
  /** Cases where the provider or a grader errored (promptfoo `failureReason` 2). */
  errored: number;
  /** Cases answered from promptfoo's cache: counted for quality, left out of latency. */
  cached: number;
}

/** One provider (promptfoo) or model (lm-eval) in the file; the user maps each to a candidate. */
export interface EvalSubject {
  /** Stable within the file: promptfoo provider id (`#label` appended when labelled); lm-eval `model:model_args`. */
  key: string;
  /** What to show: the provider label or id; lm-eval's model name. */
  label: string;
  quality: EvalQuality | null;
  metrics: EvalMetric[];
  /** Null when the tool measures no latency (lm-eval) or no uncached successful case remains. */
  latency: EvalLatency | null;
  /** promptfoo only. */
  cases: EvalCases | null;
}

export interface ParsedEvalRun {
  tool: EvalTool;
  /** Version of the tool that wrote the file, when the file says (promptfoo ≥ 0.100 `metadata`, `lm_eval_version`). */
  toolVersion: string | null;
  /** Layout version of the file: promptfoo `results.version` ("2" or "3"); null for lm-eval. */
  formatVersion: string | null;
  /** promptfoo `evalId`; lm-eval files carry none. */
  runId: string | null;
  /** When the run happened, ISO 8601, when the file says. */
  createdAt: string | null;
  /** promptfoo `config.description`; null for lm-eval. */
  description: string | null;
  subjects: EvalSubject[];
  /** SHA-256 of the raw bytes, hex: the same file imported twice has the same hash. */
  sha256: string;
  sizeBytes: number;
}

/** The raw bytes read once: parsed JSON plus what identifies the file. */
export interface LoadedFile {
  json: unknown;
  sha256: string;
  sizeBytes: number;
}

/** Rejects the file: one sentence for the toast, every problem for the form's `file` field. */
export const invalidFile = (message: string, problems: string[] = [message]): AppError =>
  new AppError('INVALID', message, { fieldErrors: { file: problems } });

const formatBytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * Python's `json.dumps` (lm-eval) writes NaN and ±Infinity as bare words, which JSON.parse refuses.
 * Outside strings they become `null` ("not computed"); strings are left untouched.
 */
const replaceNonFiniteWords = (text: string): string => {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    const word = ['-Infinity', 'Infinity', 'NaN'].find((w) => text.startsWith(w, i));
    if (word) {
      out += 'null';
      i += word.length - 1;
      continue;
    }
    out += ch;
  }
  return out;
};

/** Size limit, UTF-8 decoding, JSON parsing and the SHA-256 of the raw bytes. */
export const loadJsonFile = (raw: string | Uint8Array, maxBytes = MAX_EVAL_FILE_BYTES): LoadedFile => {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  if (bytes.byteLength > maxBytes) {
    throw invalidFile(
      `The file is larger than ${formatBytes(maxBytes)} (it has ${formatBytes(bytes.byteLength)}): export fewer results or drop the responses' text.`,
    );
  }
  if (bytes.byteLength === 0) throw invalidFile('The file is empty.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidFile('The file is not UTF-8 text: upload the .json file the eval tool wrote.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (strictError) {
    try {
      json = JSON.parse(replaceNonFiniteWords(text));
    } catch {
      // The first error is reported: its position refers to the file as uploaded.
      const detail = strictError instanceof Error ? strictError.message : String(strictError);
      throw invalidFile(`The file is not JSON: ${detail}.`);
    }
  }
  return { json, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.byteLength };
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `results.results[3].latencyMs`, `results["acc,none"]`: a path a person can find in the file. */
export const formatPath = (path: readonly PropertyKey[]): string => {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || 'the file';
};

/** How a value found in the file reads in a message. */
export const describeFound = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
};

const expectedWords: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/** One zod issue in plain words, prefixed by where it is; `prefix` is the path of the parsed part. */
export const describeIssue = (issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string => {
  const where = formatPath([...prefix, ...issue.path]);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `${where} is missing`;
      const expected = expectedWords[issue.expected] ?? issue.expected;
      return `${where} is not ${expected} (found ${describeFound(issue.input)})`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `${where} is empty`;
      return `${where} is below ${String(issue.minimum)} (found ${describeFound(issue.input)})`;
    case 'invalid_value':
      return `${where} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')} (found ${describeFound(issue.input)})`;
    case 'invalid_union':
      return `${where} has an unexpected shape (found ${describeFound(issue.input)})`;
    default:
      return `${where}: ${issue.message}`;
  }
};

const MAX_LISTED_PROBLEMS = 20;

/** Parses with a zod schema or rejects the file naming each problem and where it is. */
export const parseOrReject = <T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  prefix: readonly PropertyKey[] = [],
): T => {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeIssue(issue, prefix));
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (problems.length > listed.length) listed.push(`… and ${problems.length - listed.length} more problems`);
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more ${problems.length === 2 ? 'problem' : 'problems'})` : '';
  throw invalidFile(`This is not a valid ${what}: ${problems[0]}${more}.`, listed);
};

/**
 * Mean and its standard error as lm-eval computes `*_stderr` for mean metrics (`mean_stderr`:
 * sample standard deviation, n − 1 in the denominator, over √n); stderr is null below 2 values.
 */
export const meanWithStderr = (values: readonly number[]): { mean: number; stderr: number | null } => {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, stderr: null };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, stderr: Math.sqrt(squares / (n - 1)) / Math.sqrt(n) };
};

/** An ISO 8601 timestamp from what the file says, or null when it says nothing usable. */
export const isoOrNull = (value: string | number | null | undefined, unit: 'ms' | 's' = 'ms'): string | null => {
  if (value === null || value === undefined) return null;
  const ms = typeof value === 'number' ? value * (unit === 's' ? 1000 : 1) : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};
