/**
 * Eval results imports: files from real eval tools turned into measurements a candidate can carry.
 *
 * @module
 */
import { invalidFile, isRecord, loadJsonFile, type ParsedEvalRun } from './eval-run.ts';
import { lmEvalFromLoaded } from './lm-eval.ts';
import { promptfooFromLoaded } from './promptfoo.ts';

export {
  MAX_EVAL_FILE_BYTES,
  type EvalCases,
  type EvalLatency,
  type EvalMetric,
  type EvalQuality,
  type EvalSubject,
  type EvalTool,
  type ParsedEvalRun,
} from './eval-run.ts';
export { parseLmEval } from './lm-eval.ts';
export { parsePromptfoo } from './promptfoo.ts';

/** Top-level keys only lm-eval writes (`lm_eval/result_schema.py`). */
const LM_EVAL_KEYS = [
  'versions',
  'n-shot',
  'n-samples',
  'configs',
  'higher_is_better',
  'group_subtasks',
  'lm_eval_version',
];

const looksLikePromptfoo = (json: Record<string, unknown>): boolean => {
  if ('evalId' in json || 'shareableUrl' in json) return true;
  const results = json.results;
  return isRecord(results) && ('version' in results || Array.isArray(results.results));
};

/**
 * Recognises the tool by the file's shape (promptfoo's `results.version`/`evalId`, lm-eval's
 * `versions`/`n-samples`/…) and parses it.
 *
 * @throws AppError INVALID when the file is neither, or is malformed; never a partial result.
 */
export function detectAndParse(raw: string | Uint8Array): ParsedEvalRun {
  const loaded = loadJsonFile(raw);
  const { json } = loaded;
  if (!isRecord(json)) {
    throw invalidFile('This is not an eval results file: the file holds a JSON list or value, not an object.');
  }
  if (looksLikePromptfoo(json)) return promptfooFromLoaded(loaded);
  if (LM_EVAL_KEYS.some((key) => key in json)) return lmEvalFromLoaded(loaded);
  throw invalidFile(
    'This is neither a promptfoo results file (promptfoo eval --output results.json) nor an lm-evaluation-harness results file (results_<date>.json from lm_eval --output_path).',
  );
}
