import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseLmEval } from './lm-eval.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const fixtureJson = (name: string) => JSON.parse(fixture(name).toString('utf8')) as Record<string, unknown>;

const stderrOf = (task: string, key: string) =>
  (
    (fixtureJson('lm-eval-pythia-160m.json').results as Record<string, Record<string, number>>)[task] as Record<
      string,
      number
    >
  )[key];

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

describe('parseLmEval on real-shaped files', () => {
  it('reads an lm-eval 0.4 file: every task and group metric, the first top-level one as quality', () => {
    const bytes = fixture('lm-eval-pythia-160m.json');
    const run = parseLmEval(bytes);
    expect(run).toMatchObject({
      tool: 'lm-eval',
      toolVersion: '0.4.8',
      formatVersion: null,
      runId: null,
      createdAt: new Date((fixtureJson('lm-eval-pythia-160m.json').date as number) * 1000).toISOString(),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.byteLength,
    });
    expect(run.subjects).toHaveLength(1);
    const [model] = run.subjects;
    expect(model?.key).toBe('hf:pretrained=EleutherAI/pythia-160m,dtype=float32');
    expect(model?.label).toBe('EleutherAI/pythia-160m');
    expect(model?.latency).toBeNull();
    expect(model?.cases).toBeNull();
    // The mmlu subtasks come first in the file; hellaswag is the first task that is no group's subtask.
    expect(model?.quality).toEqual({
      task: 'hellaswag',
      metric: 'acc,none',
      value: 0.2872933678550089,
      sampleSize: 10042,
    });
    expect(model?.metrics.map((m) => [m.task, m.metric, m.stderr, m.sampleSize, m.higherIsBetter])).toEqual([
      ['mmlu_abstract_algebra', 'acc,none', 0.04163331998932269, 100, true],
      ['mmlu_anatomy', 'acc,none', 0.037125378336148665, 135, true],
      ['hellaswag', 'acc,none', 0.004515748192605715, 10042, true],
      ['hellaswag', 'acc_norm,none', 0.004608495469860377, 10042, true],
      ['lambada_openai', 'perplexity,none', stderrOf('lambada_openai', 'perplexity_stderr,none'), 5153, false],
      ['lambada_openai', 'acc,none', 0.006746552004742445, 5153, true],
      // A group has no n-samples entry: its sample_len (sum of its tasks) is the size; "N/A" stderr is null.
      ['mmlu', 'acc,none', null, 235, true],
    ]);
  });

  it('reads an lm-eval 0.3 file: metrics without a filter suffix, no n-samples, no date', () => {
    const run = parseLmEval(fixture('lm-eval-legacy-pythia-70m.json'));
    expect(run.toolVersion).toBeNull();
    expect(run.createdAt).toBeNull();
    const [model] = run.subjects;
    expect(model?.key).toBe('hf-causal:pretrained=EleutherAI/pythia-70m');
    expect(model?.label).toBe('EleutherAI/pythia-70m');
    expect(model?.quality).toEqual({
      task: 'arc_challenge',
      metric: 'acc',
      value: 0.18856655290102387,
      sampleSize: null,
    });
    const arc = (fixtureJson('lm-eval-legacy-pythia-70m.json').results as Record<string, Record<string, number>>)
      .arc_challenge as Record<string, number>;
    expect(model?.metrics.map((m) => [m.metric, m.value, m.stderr])).toEqual([
      ['acc', arc.acc, arc.acc_stderr],
      ['acc_norm', arc.acc_norm, arc.acc_norm_stderr],
    ]);
  });

  it('accepts the bare NaN Python writes: a NaN stderr is null, a NaN metric is left out', () => {
    const text = JSON.stringify({
      results: {
        mcc_task: { alias: 'mcc_task', 'mcc,none': 1, 'acc,none': 0.5, 'acc_stderr,none': 0.1, alias2: 'NaN' },
      },
      versions: { mcc_task: 1 },
      config: { model: 'hf', model_args: { pretrained: 'org/model', trust_remote_code: true } },
    })
      .replace('"mcc,none":1', '"mcc,none":NaN')
      .replace('"acc_stderr,none":0.1', '"acc_stderr,none":NaN');
    const [model] = parseLmEval(text).subjects;
    expect(model?.key).toBe('hf:pretrained=org/model,trust_remote_code=true');
    expect(model?.metrics).toEqual([
      { task: 'mcc_task', metric: 'acc,none', value: 0.5, stderr: null, sampleSize: null, higherIsBetter: null },
    ]);
  });

  it('ignores an lm_eval_version that is an error message', () => {
    const file = fixtureJson('lm-eval-pythia-160m.json');
    file.lm_eval_version = 'No package metadata was found for lm_eval';
    expect(parseLmEval(JSON.stringify(file)).toolVersion).toBeNull();
  });
});

describe('parseLmEval rejects malformed files, naming the problem', () => {
  const edited = (
    edit: (file: Record<string, unknown> & { results: Record<string, Record<string, unknown>> }) => void,
  ) => {
    const file = fixtureJson('lm-eval-pythia-160m.json') as Record<string, unknown> & {
      results: Record<string, Record<string, unknown>>;
    };
    edit(file);
    return JSON.stringify(file);
  };

  it.each<[string, () => string, RegExp]>([
    ['not JSON', () => '{"results": {"hellaswag": {"acc,none": 0.3,}}}', /^The file is not JSON: /],
    ['no results', () => edited((f) => delete (f as Record<string, unknown>).results), /it has no results\./],
    ['empty results', () => edited((f) => (f.results = {})), /has no task results: results is empty/],
    [
      'results as a list',
      () => edited((f) => ((f as Record<string, unknown>).results = [])),
      /results is not an object \(found a list\)/,
    ],
    [
      'a metric that is text',
      () => edited((f) => ((f.results.hellaswag as Record<string, unknown>)['acc,none'] = 'high')),
      /results\.hellaswag\["acc,none"\] is not a number \(found the text "high"\)/,
    ],
    [
      'a stderr that is an object',
      () => edited((f) => ((f.results.hellaswag as Record<string, unknown>)['acc_stderr,none'] = {})),
      /results\.hellaswag\["acc_stderr,none"\] is not a number \(found an object\)/,
    ],
    [
      'an n-samples count that is text',
      () =>
        edited(
          (f) =>
            ((
              (f['n-samples'] as Record<string, Record<string, unknown>>).hellaswag as Record<string, unknown>
            ).effective = '10042'),
        ),
      /\["n-samples"\]\.hellaswag\.effective is not a number \(found the text "10042"\)/,
    ],
    [
      'no measured metric',
      () => JSON.stringify({ results: { t: { alias: 't', 'acc,none': 'N/A' } }, versions: { t: 1 } }),
      /has no measured metric/,
    ],
  ])('%s', (_, file, message) => {
    expect(rejection(() => parseLmEval(file())).message).toMatch(message);
  });
});
