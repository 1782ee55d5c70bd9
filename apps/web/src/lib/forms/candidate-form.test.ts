import { describe, expect, it } from 'vitest';
import { candidateFieldFor, candidateFormValues, candidateFromForm } from './candidate-form.ts';

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
};

/** What a browser posts for a stored candidate: every field, relevant or not. */
const repost = (candidate: Parameters<typeof candidateFormValues>[0]) =>
  candidateFromForm(form(candidateFormValues(candidate)));

const stored = (kind: string, spec: unknown) => ({
  kind,
  name: `${kind} candidate`,
  notes: '',
  spec,
  smallCandidateId: null,
  largeCandidateId: null,
  escalationRate: null,
});

describe('candidate forms', () => {
  it.each([
    [
      'an API from the catalogue',
      'FRONTIER_API',
      { deployment: 'API', priceId: 'openai-gpt-4o', ttftSeconds: 0.45, outputTokensPerSecond: 90 },
    ],
    [
      'negotiated API prices',
      'FRONTIER_API',
      { deployment: 'API', usdPerMillionInputTokens: 2, usdPerMillionOutputTokens: 8, jurisdiction: 'EU' },
    ],
    [
      'an 8 B model on one L4',
      'SLM',
      {
        deployment: 'SELF_HOSTED',
        runsIn: 'OWN_CLOUD',
        model: { catalogId: 'llama-3.1-8b' },
        format: 'q8_0',
        hardware: { gpu: { deviceId: 'l4', usdPerHour: 0.8 } },
        replicas: 2,
      },
    ],
    [
      'an encoder on CPU',
      'CLASSIFIER',
      {
        deployment: 'SELF_HOSTED',
        runsIn: 'ON_PREM',
        model: { catalogId: 'distilbert-base-uncased' },
        format: 'f32',
        hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0.02 } },
      },
    ],
    [
      'a custom model on a phone',
      'SLM',
      {
        deployment: 'ON_DEVICE',
        model: {
          custom: {
            name: 'Receipt LM',
            params: 3.8e9,
            architecture: { layers: 32, heads: 32, kvHeads: 8, headDim: 96 },
          },
        },
        format: 'q4_k_m',
        deviceId: 'apple-a17-pro',
        fixedMonthlyUsd: 200,
        peakFlops: 2e12,
      },
    ],
  ])('round-trips %s through the form', (_label, kind, spec) => {
    expect(repost(stored(kind, spec))).toEqual({ kind, name: `${kind} candidate`, notes: '', spec });
  });

  it('reads a cascade from its parts and the escalated share', () => {
    const cascade = {
      ...stored('CASCADE', null),
      smallCandidateId: 'small-id',
      largeCandidateId: 'large-id',
      escalationRate: 0.15,
    };
    expect(repost(cascade)).toEqual({
      kind: 'CASCADE',
      name: 'CASCADE candidate',
      notes: '',
      smallCandidateId: 'small-id',
      largeCandidateId: 'large-id',
      escalationRate: 0.15,
    });
  });

  it('understands counts as people type them', () => {
    const values = candidateFormValues(stored('SLM', { deployment: 'ON_DEVICE', format: 'q4', deviceId: 'l4' }));
    const parsed = candidateFromForm(form({ ...values, modelSource: 'custom', customParams: '3.8B' }));
    expect(parsed).toMatchObject({ spec: { model: { custom: { params: 3.8e9 } } } });
  });

  it.each([
    [['spec', 'hardware', 'gpu', 'deviceId'], 'gpuDeviceId'],
    [['spec', 'hardware', 'cpu', 'vcpuSecondsPerRequest'], 'vcpuSecondsPerRequest'],
    [['spec', 'hardware'], 'hardwareKind'],
    [['spec', 'model', 'catalogId'], 'modelId'],
    [['spec', 'model'], 'modelId'],
    [['spec', 'model', 'custom', 'params'], 'customParams'],
    [['spec', 'model', 'custom', 'architecture', 'kvHeads'], 'customKvHeads'],
    [['spec', 'priceId'], 'priceId'],
    [['spec'], 'deployment'],
    [['escalationRate'], 'escalationRate'],
  ])('shows an error at %j on the field %s', (path, field) => {
    expect(candidateFieldFor(path)).toBe(field);
  });
});
