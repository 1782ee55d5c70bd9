import { describe, expect, it } from 'vitest';
import { postedTaskValues, taskFieldsFromForm, taskFormValues } from './task-form.ts';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

const receipts: [string, string][] = [
  ['name', 'Read receipts'],
  ['description', 'Vendor, date, total and tax'],
  ['monthlyRequests', '2M'],
  ['monthlyGrowth', '0.05'],
  ['inputTokens', '1,200'],
  ['outputTokens', '60'],
  ['inputTokensP95', ''],
  ['outputTokensP95', '120'],
  ['latencyP95Ms', '800'],
  ['latencyP99Ms', '1500'],
  ['ttftMs', ''],
  ['targetDevice', ''],
  ['memoryBudgetBytes', '8 GB'],
  ['locality', 'OWN_CLOUD'],
  ['jurisdictions', 'EU'],
  ['jurisdictions', 'UK'],
  ['monthlyBudgetUsd', '$5,000'],
  ['qualityMetric', 'field-level exact match'],
  ['qualityBar', '0.95'],
  ['qualityDirection', 'higher'],
];

describe('taskFieldsFromForm', () => {
  it('reads what people type into the numbers the API takes', () => {
    expect(taskFieldsFromForm(form(receipts))).toEqual({
      name: 'Read receipts',
      description: 'Vendor, date, total and tax',
      monthlyRequests: 2_000_000,
      monthlyGrowth: 0.05,
      inputTokens: 1200,
      outputTokens: 60,
      inputTokensP95: 1200,
      outputTokensP95: 120,
      latencyP95Ms: 800,
      latencyP99Ms: 1500,
      streaming: false,
      ttftMs: null,
      targetDevice: null,
      memoryBudgetBytes: 8e9,
      locality: 'OWN_CLOUD',
      jurisdictions: ['EU', 'UK'],
      monthlyBudgetUsd: 5000,
      qualityMetric: 'field-level exact match',
      qualityBar: 0.95,
      qualityHigherBetter: true,
    });
  });

  it('passes what does not parse through, for the schema to name', () => {
    const fields = taskFieldsFromForm(
      form([...receipts.filter(([k]) => k !== 'monthlyRequests'), ['monthlyRequests', 'lots']]),
    );
    expect(fields.monthlyRequests).toBe('lots');
  });

  it('round-trips a stored task through the form', () => {
    const stored = { ...taskFieldsFromForm(form(receipts)), targetDevice: 'l4' } as Parameters<
      typeof taskFormValues
    >[0];
    const values = taskFormValues(stored);
    const reposted = form(
      Object.entries(values).flatMap(([key, value]): [string, string][] =>
        key === 'jurisdictions' ? value.split(',').map((code) => [key, code]) : [[key, value]],
      ),
    );
    expect(taskFieldsFromForm(reposted)).toEqual(stored);
  });

  it('keeps the posted values, lists joined, for the form to show again', () => {
    expect(postedTaskValues(form(receipts))).toMatchObject({
      jurisdictions: 'EU,UK',
      monthlyRequests: '2M',
      streaming: '',
    });
  });
});
