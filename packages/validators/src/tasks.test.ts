import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  JURISDICTIONS,
  SMALL_LETTERS,
  SMALL_LETTER_NAMES,
  ZEvidenceAdd,
  ZProjectCreate,
  ZProjectUpdate,
  ZSetLetter,
  ZTaskCreate,
  ZTaskUpdate,
  taskRuleIssues,
} from './index.ts';

const fieldErrors = (result: { success: boolean; error?: z.ZodError }) =>
  (result.error ? z.flattenError(result.error).fieldErrors : {}) as Record<string, string[] | undefined>;

const teamId = '0190f5a0-0000-7000-8000-000000000000';
const projectId = '0190f5a0-0000-7000-8000-000000000001';
const taskId = '0190f5a0-0000-7000-8000-000000000002';

const receipts = {
  teamId,
  projectId,
  name: 'Read receipts',
  monthlyRequests: 3_000_000,
  inputTokens: 800,
  outputTokens: 60,
  latencyP95Ms: 800,
  latencyP99Ms: 1_500,
  qualityMetric: 'field-level exact match',
  qualityBar: 0.97,
};

describe('projects', () => {
  it('trims names and defaults the description', () => {
    expect(ZProjectCreate.parse({ teamId, name: '  Finance app ' })).toEqual({
      teamId,
      name: 'Finance app',
      description: '',
    });
  });

  it('names the field and the fix', () => {
    const errors = fieldErrors(ZProjectCreate.safeParse({ teamId, name: ' ', description: 'x'.repeat(5_001) }));
    expect(errors.name).toEqual(['Enter a name for the project.']);
    expect(errors.description).toEqual(['Shorten the description to at most 5,000 characters.']);
  });

  it('takes a partial patch with the version loaded', () => {
    expect(ZProjectUpdate.parse({ teamId, projectId, version: 3, name: 'Renamed' })).toEqual({
      teamId,
      projectId,
      version: 3,
      name: 'Renamed',
    });
    expect(fieldErrors(ZProjectUpdate.safeParse({ teamId, projectId, name: 'x' }))).toHaveProperty('version');
  });
});

describe('tasks', () => {
  it('fills defaults for what a new task may leave out', () => {
    expect(ZTaskCreate.parse(receipts)).toMatchObject({
      description: '',
      monthlyGrowth: 0,
      streaming: false,
      ttftMs: null,
      targetDevice: null,
      memoryBudgetBytes: null,
      locality: 'ANY',
      jurisdictions: [],
      monthlyBudgetUsd: null,
      qualityHigherBetter: true,
    });
  });

  it.each([
    ['monthlyRequests', { monthlyRequests: -1 }, 'Monthly requests cannot be negative: enter 0 or more.'],
    ['monthlyRequests', { monthlyRequests: Number.POSITIVE_INFINITY }, /number/],
    ['monthlyRequests', { monthlyRequests: Number.NaN }, /number/],
    ['monthlyRequests', { monthlyRequests: 2e13 }, /at most 10 trillion/],
    ['monthlyGrowth', { monthlyGrowth: -1 }, /above -1/],
    ['monthlyGrowth', { monthlyGrowth: 10.5 }, /at most 10/],
    ['inputTokens', { inputTokens: 1.5 }, /whole number/],
    ['inputTokens', { inputTokens: -3 }, /0 or more/],
    ['outputTokens', { outputTokens: 10_000_001 }, /at most 10,000,000/],
    ['inputTokensP95', { inputTokensP95: 700 }, /at least the typical input \(800 tokens\)/],
    ['outputTokensP95', { outputTokensP95: 59 }, /at least the typical output \(60 tokens\)/],
    ['latencyP95Ms', { latencyP95Ms: 0 }, /above 0 ms/],
    ['latencyP99Ms', { latencyP99Ms: 799 }, 'The p99 budget must be at least the p95 budget (800 ms).'],
    ['ttftMs', { ttftMs: 200 }, /only to streamed output/],
    ['ttftMs', { streaming: true, ttftMs: 2_000 }, /at most the p99 budget/],
    ['locality', { locality: 'MOON' }, /Choose where the model may run/],
    ['jurisdictions', { jurisdictions: ['EU', 'MARS'] }, /Choose jurisdictions from/],
    ['description', { description: 'x'.repeat(1_000_000) }, /at most 20,000 characters/],
    ['name', { name: 'x'.repeat(121) }, /at most 120/],
    ['name', { name: '' }, 'Enter a name for the task.'],
    ['qualityMetric', { qualityMetric: 'x'.repeat(201) }, /at most 200/],
    ['qualityBar', { qualityBar: Number.POSITIVE_INFINITY }, /number/],
    ['memoryBudgetBytes', { memoryBudgetBytes: 0 }, /above 0 bytes/],
    ['monthlyBudgetUsd', { monthlyBudgetUsd: -5 }, /cannot be negative/],
    ['targetDevice', { targetDevice: 'toaster' }, /device from the catalogue/],
  ] as const)('refuses %s in %o', (field, change, message) => {
    const errors = fieldErrors(ZTaskCreate.safeParse({ ...receipts, ...change }));
    expect(Object.keys(errors)).toEqual([field]);
    if (typeof message === 'string') expect(errors[field]).toEqual([message]);
    else expect(errors[field]?.[0]).toMatch(message);
  });

  it('accepts the edges of every range', () => {
    expect(
      ZTaskCreate.safeParse({
        ...receipts,
        monthlyRequests: 0,
        monthlyGrowth: 10,
        inputTokens: 0,
        inputTokensP95: 0,
        outputTokens: 10_000_000,
        outputTokensP95: 10_000_000,
        latencyP95Ms: 1,
        latencyP99Ms: 1,
        streaming: true,
        ttftMs: 1,
        description: 'x'.repeat(20_000),
        targetDevice: 'apple-a17-pro',
        memoryBudgetBytes: 8e9,
        monthlyBudgetUsd: 0,
        qualityBar: -4.5,
      }).success,
    ).toBe(true);
  });

  it('keeps jurisdictions in catalogue order without duplicates', () => {
    expect(ZTaskCreate.parse({ ...receipts, jurisdictions: ['UK', 'EU', 'UK'] }).jurisdictions).toEqual(['EU', 'UK']);
    expect(JURISDICTIONS).toContain('EEA');
  });

  it('checks an update patch on what it sends, and leaves the rest to the stored task', () => {
    expect(ZTaskUpdate.parse({ teamId, taskId, version: 2, monthlyRequests: 2_000_000 })).toEqual({
      teamId,
      taskId,
      version: 2,
      monthlyRequests: 2_000_000,
    });
    expect(
      Object.keys(fieldErrors(ZTaskUpdate.safeParse({ teamId, taskId, version: 2, latencyP95Ms: 9, latencyP99Ms: 8 }))),
    ).toEqual(['latencyP99Ms']);
    // Clearing an optional budget is null, not absent.
    expect(ZTaskUpdate.parse({ teamId, taskId, version: 2, monthlyBudgetUsd: null }).monthlyBudgetUsd).toBeNull();
  });

  it('shares its cross-field rules with the service', () => {
    expect(taskRuleIssues({ latencyP95Ms: 500 })).toEqual([]);
    expect(taskRuleIssues({ latencyP95Ms: 500, latencyP99Ms: 400, streaming: false, ttftMs: 100 })).toEqual([
      { field: 'latencyP99Ms', message: 'The p99 budget must be at least the p95 budget (500 ms).' },
      { field: 'ttftMs', message: expect.stringMatching(/streamed output/) },
    ]);
  });
});

describe('the SMALL assessment', () => {
  it('names the five letters', () => {
    expect(SMALL_LETTERS.map((letter) => SMALL_LETTER_NAMES[letter])).toEqual([
      'Specific task',
      'Measured quality',
      'Affordable inference',
      'Low latency',
      'Local / control-friendly',
    ]);
  });

  it('sets a letter with a verdict, a rationale and the version loaded', () => {
    expect(ZSetLetter.parse({ teamId, taskId, letter: 'SPECIFIC', verdict: 'PASS', version: 1 })).toMatchObject({
      rationale: '',
    });
    const errors = fieldErrors(
      ZSetLetter.safeParse({ teamId, taskId, letter: 'X', verdict: 'MAYBE', rationale: 'x'.repeat(5_001), version: 0 }),
    );
    expect(Object.keys(errors).sort()).toEqual(['letter', 'rationale', 'verdict', 'version']);
  });
});

describe('evidence', () => {
  const target = { teamId, taskId, letter: 'MEASURED' };

  it('takes a link, a note or a metric', () => {
    expect(ZEvidenceAdd.parse({ ...target, kind: 'LINK', title: 'Eval', url: 'https://example.com/eval' })).toEqual({
      ...target,
      kind: 'LINK',
      title: 'Eval',
      url: 'https://example.com/eval',
    });
    expect(
      ZEvidenceAdd.safeParse({ ...target, kind: 'NOTE', title: 'Why', body: '# Because\n\nreasons' }).success,
    ).toBe(true);
    expect(
      ZEvidenceAdd.parse({
        ...target,
        kind: 'METRIC',
        metricName: 'exact match',
        metricValue: 0.97,
        metricUnit: 'fraction',
        sampleSize: 2_000,
        measuredOn: '2026-03-01',
        source: 'holdout v2',
      }),
    ).toMatchObject({ metricValue: 0.97, sampleSize: 2_000, measuredOn: '2026-03-01' });
  });

  it.each([
    ['url', { kind: 'LINK', title: 'x', url: 'javascript:alert(1)' }],
    ['url', { kind: 'LINK', title: 'x', url: 'ftp://example.com/x' }],
    ['url', { kind: 'LINK', title: 'x', url: 'not a url' }],
    ['title', { kind: 'LINK', title: ' ', url: 'https://example.com' }],
    ['body', { kind: 'NOTE', title: 'x', body: '   ' }],
    ['body', { kind: 'NOTE', title: 'x', body: 'x'.repeat(20_001) }],
    ['metricValue', { kind: 'METRIC', metricName: 'm', metricValue: Number.NaN, metricUnit: '%' }],
    ['sampleSize', { kind: 'METRIC', metricName: 'm', metricValue: 1, metricUnit: '%', sampleSize: 0 }],
    ['sampleSize', { kind: 'METRIC', metricName: 'm', metricValue: 1, metricUnit: '%', sampleSize: 2.5 }],
    ['measuredOn', { kind: 'METRIC', metricName: 'm', metricValue: 1, metricUnit: '%', measuredOn: '1/3/2026' }],
    ['metricUnit', { kind: 'METRIC', metricName: 'm', metricValue: 1 }],
    ['kind', { kind: 'VIDEO', title: 'x' }],
  ])('refuses a bad %s', (field, evidence) => {
    expect(Object.keys(fieldErrors(ZEvidenceAdd.safeParse({ ...target, ...evidence })))).toEqual([field]);
  });
});
