import { evaluateCandidate, type TaskBudgets } from '@rightsize/core';
import { describe, expect, it } from 'vitest';
import { COLUMNS, parseView, sortRows, viewSearch, type TableRow } from './table.ts';

const task: TaskBudgets = {
  monthlyRequests: 3e6,
  monthlyGrowth: 0,
  inputTokens: 1200,
  outputTokens: 60,
  inputTokensP95: 1800,
  outputTokensP95: 90,
  latencyP95Seconds: 1.5,
  latencyP99Seconds: 3,
  streaming: false,
  ttftSeconds: null,
  targetDeviceId: null,
  memoryBudgetBytes: null,
  locality: 'ANY',
  jurisdictions: [],
  monthlyBudgetUsd: 5000,
  qualityBar: 0.95,
  qualityHigherBetter: true,
};

const row = (id: string, name: string, evaluation: TableRow['evaluation']): TableRow => ({
  id,
  name,
  kind: evaluation.kind,
  deployment: evaluation.deployment,
  dominated: false,
  evaluation,
});

const api = row(
  'api',
  'Frontier API',
  evaluateCandidate({ task, kind: 'FRONTIER_API', spec: { deployment: 'API', priceId: 'openai-gpt-4o' } }),
);
const mini = row(
  'mini',
  'Mini API',
  evaluateCandidate({
    task,
    kind: 'FRONTIER_API',
    spec: { deployment: 'API', priceId: 'openai-gpt-4o-mini', ttftSeconds: 0.3, outputTokensPerSecond: 100 },
    measured: { quality: { value: 0.96, source: 'promptfoo run r1', sampleSize: 500 } },
  }),
);

describe('the comparison table', () => {
  it('shows each figure with its budget, verdict, basis and source', () => {
    const monthly = COLUMNS.find((c) => c.key === 'monthly')!.cell(api, task);
    expect(monthly.text).toBe(
      `$${api.evaluation.cost.monthlyUsd.value!.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(monthly).toMatchObject({
      budget: 'budget $5,000.00',
      basis: 'estimated',
      verdict: api.evaluation.cost.verdict,
    });
    expect(monthly.source).toBe(api.evaluation.cost.monthlyUsd.source);
    const quality = COLUMNS.find((c) => c.key === 'quality')!.cell(mini, task);
    expect(quality).toMatchObject({ text: '0.96', basis: 'measured', budget: 'bar ≥ 0.95', verdict: 'PASS' });
    expect(COLUMNS.find((c) => c.key === 'p95')!.cell(api, task)).toMatchObject({ text: 'unknown', basis: 'unknown' });
  });

  it('sorts by a column with unknown figures last in either direction', () => {
    const cheapestFirst = sortRows([api, mini], parseView(new URLSearchParams('sort=monthly')), task);
    expect(cheapestFirst.map((r) => r.id)).toEqual(['mini', 'api']);
    const dearestFirst = sortRows([mini, api], parseView(new URLSearchParams('sort=monthly&dir=desc')), task);
    expect(dearestFirst.map((r) => r.id)).toEqual(['api', 'mini']);
    for (const dir of ['asc', 'desc']) {
      const byLatency = sortRows([api, mini], parseView(new URLSearchParams(`sort=p95&dir=${dir}`)), task);
      expect(byLatency.map((r) => r.id)).toEqual(['mini', 'api']);
    }
  });

  it('round-trips the view through the URL and ignores what it does not know', () => {
    const view = parseView(new URLSearchParams('sort=p99&dir=desc&hide=memory,ttft,bogus'));
    expect(view).toEqual({ sort: 'p99', dir: 'desc', hidden: ['memory', 'ttft'] });
    expect(viewSearch(view)).toBe('?sort=p99&dir=desc&hide=memory%2Cttft');
    expect(viewSearch(parseView(new URLSearchParams('sort=nonsense')))).toBe('');
    expect(parseView(new URLSearchParams('hide=memory&hide=ttft&hide=memory')).hidden).toEqual(['memory', 'ttft']);
  });
});
