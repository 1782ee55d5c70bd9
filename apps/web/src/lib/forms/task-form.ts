// A task's budget form as posted (all strings) → the input task.create / task.update take. Units
// people type are understood (see quantity.ts); blanks become "none" where a field is optional.
// Values that do not parse pass through unchanged, so the API's schema names the field and the fix.
import { parseBytes, parseCount, parseNumber } from './quantity.ts';

const str = (data: FormData, key: string): string => {
  const value = data.get(key);
  return typeof value === 'string' ? value : '';
};

const orNull = (raw: string, parse: (raw: string) => number | string) => (raw.trim() === '' ? null : parse(raw));
const integer = (raw: string) => parseCount(raw);

/** The task fields of a posted budget form (create and edit post the same fields). */
export const taskFieldsFromForm = (data: FormData) => {
  const inputTokens = integer(str(data, 'inputTokens'));
  const outputTokens = integer(str(data, 'outputTokens'));
  const streaming = data.get('streaming') === 'on';
  return {
    name: str(data, 'name'),
    description: str(data, 'description'),
    monthlyRequests: parseCount(str(data, 'monthlyRequests')),
    monthlyGrowth: str(data, 'monthlyGrowth').trim() === '' ? 0 : parseNumber(str(data, 'monthlyGrowth')),
    inputTokens,
    outputTokens,
    // A blank 95th percentile means long requests are no longer than typical ones.
    inputTokensP95: orNull(str(data, 'inputTokensP95'), integer) ?? inputTokens,
    outputTokensP95: orNull(str(data, 'outputTokensP95'), integer) ?? outputTokens,
    latencyP95Ms: parseCount(str(data, 'latencyP95Ms')),
    latencyP99Ms: parseCount(str(data, 'latencyP99Ms')),
    streaming,
    ttftMs: orNull(str(data, 'ttftMs'), parseCount),
    targetDevice: str(data, 'targetDevice') === '' ? null : str(data, 'targetDevice'),
    memoryBudgetBytes: orNull(str(data, 'memoryBudgetBytes'), parseBytes),
    locality: str(data, 'locality'),
    jurisdictions: data.getAll('jurisdictions'),
    monthlyBudgetUsd: orNull(str(data, 'monthlyBudgetUsd'), parseNumber),
    qualityMetric: str(data, 'qualityMetric'),
    qualityBar: parseNumber(str(data, 'qualityBar')),
    qualityHigherBetter: str(data, 'qualityDirection') !== 'lower',
  };
};

/** What the form shows for a stored task: the same strings a person would type. */
export const taskFormValues = (task: {
  name: string;
  description: string;
  monthlyRequests: number;
  monthlyGrowth: number;
  inputTokens: number;
  outputTokens: number;
  inputTokensP95: number;
  outputTokensP95: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  streaming: boolean;
  ttftMs: number | null;
  targetDevice: string | null;
  memoryBudgetBytes: number | null;
  locality: string;
  jurisdictions: string[];
  monthlyBudgetUsd: number | null;
  qualityMetric: string;
  qualityBar: number;
  qualityHigherBetter: boolean;
}): Record<string, string> => ({
  name: task.name,
  description: task.description,
  monthlyRequests: String(task.monthlyRequests),
  monthlyGrowth: String(task.monthlyGrowth),
  inputTokens: String(task.inputTokens),
  outputTokens: String(task.outputTokens),
  inputTokensP95: String(task.inputTokensP95),
  outputTokensP95: String(task.outputTokensP95),
  latencyP95Ms: String(task.latencyP95Ms),
  latencyP99Ms: String(task.latencyP99Ms),
  streaming: task.streaming ? 'on' : '',
  ttftMs: task.ttftMs === null ? '' : String(task.ttftMs),
  targetDevice: task.targetDevice ?? '',
  memoryBudgetBytes: task.memoryBudgetBytes === null ? '' : String(task.memoryBudgetBytes),
  locality: task.locality,
  jurisdictions: task.jurisdictions.join(','),
  monthlyBudgetUsd: task.monthlyBudgetUsd === null ? '' : String(task.monthlyBudgetUsd),
  qualityMetric: task.qualityMetric,
  qualityBar: String(task.qualityBar),
  qualityDirection: task.qualityHigherBetter ? 'higher' : 'lower',
});

/** Posted values to put back into the form after a failure (jurisdictions are a list). */
export const postedTaskValues = (data: FormData): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value === 'string' && key !== 'jurisdictions') values[key] = value;
  }
  values.jurisdictions = data
    .getAll('jurisdictions')
    .filter((value) => typeof value === 'string')
    .join(',');
  values.streaming = data.get('streaming') === 'on' ? 'on' : '';
  return values;
};
