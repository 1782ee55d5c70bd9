import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZCandidateCreate, ZCandidateSpec, ZEvalImport } from './candidate.ts';
import { EVAL_FILE_MAX_BYTES } from './constants.ts';

const teamId = '01900000-0000-7000-8000-000000000001';
const taskId = '01900000-0000-7000-8000-000000000002';

const fieldErrors = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));

describe('ZCandidateSpec', () => {
  it.each([
    ['a catalogue API price', { deployment: 'API', priceId: 'openai-gpt-4o-mini' }],
    [
      'negotiated API prices',
      { deployment: 'API', usdPerMillionInputTokens: 0.1, usdPerMillionOutputTokens: 0.4, jurisdiction: 'EU' },
    ],
    [
      'a catalogue model on one L4',
      {
        deployment: 'SELF_HOSTED',
        runsIn: 'OWN_CLOUD',
        model: { catalogId: 'llama-3.1-8b' },
        format: 'q8_0',
        hardware: { gpu: { deviceId: 'l4' } },
      },
    ],
    [
      'an encoder on CPU',
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
      },
    ],
  ])('accepts %s', (_label, spec) => {
    expect(ZCandidateSpec.safeParse(spec).success).toBe(true);
  });

  it.each([
    ['an API with no price at all', { deployment: 'API' }, 'priceId', /catalogue, or enter your own/],
    ['only an input price', { deployment: 'API', usdPerMillionInputTokens: 1 }, 'usdPerMillionOutputTokens', /both/],
    [
      'a negative price',
      { deployment: 'API', usdPerMillionInputTokens: -1, usdPerMillionOutputTokens: 1 },
      'usdPerMillionInputTokens',
      /negative/,
    ],
    [
      'an unknown device',
      { deployment: 'ON_DEVICE', model: { catalogId: 'qwen3-4b' }, format: 'q4', deviceId: 'toaster' },
      'deviceId',
      /device from the catalogue/,
    ],
    [
      'an unknown model',
      { deployment: 'ON_DEVICE', model: { catalogId: 'gpt-9' }, format: 'q4', deviceId: 'l4' },
      'model',
      /model/,
    ],
    ['an unknown deployment', { deployment: 'CLOUD' }, 'deployment', /API, SELF_HOSTED or ON_DEVICE/],
  ])('refuses %s, naming the field', (_label, spec, field, message) => {
    const errors = fieldErrors(ZCandidateSpec.safeParse(spec));
    expect(
      Object.keys(errors).some((path) => path.startsWith(field)),
      JSON.stringify(errors),
    ).toBe(true);
    expect(Object.entries(errors).find(([path]) => path.startsWith(field))?.[1]).toMatch(message);
  });
});

describe('ZCandidateCreate', () => {
  it('takes a cascade of two candidates with an escalation share', () => {
    const parsed = ZCandidateCreate.parse({
      teamId,
      taskId,
      kind: 'CASCADE',
      name: 'Small first',
      smallCandidateId: teamId,
      largeCandidateId: taskId,
      escalationRate: 0.15,
    });
    expect(parsed).toMatchObject({ kind: 'CASCADE', escalationRate: 0.15, notes: '' });
  });

  it('refuses an escalation share above 1 and a cascade kind with a spec instead of parts', () => {
    expect(
      fieldErrors(
        ZCandidateCreate.safeParse({
          teamId,
          taskId,
          kind: 'CASCADE',
          name: 'x',
          smallCandidateId: teamId,
          largeCandidateId: taskId,
          escalationRate: 1.5,
        }),
      ),
    ).toHaveProperty('escalationRate');
    expect(
      fieldErrors(
        ZCandidateCreate.safeParse({
          teamId,
          taskId,
          kind: 'CASCADE',
          name: 'x',
          spec: { deployment: 'API', priceId: 'openai-gpt-4o' },
        }),
      ),
    ).toHaveProperty('smallCandidateId');
  });

  it('names the kind when it is unknown', () => {
    expect(fieldErrors(ZCandidateCreate.safeParse({ teamId, taskId, kind: 'ORACLE', name: 'x' }))).toHaveProperty(
      'kind',
    );
  });
});

describe('ZEvalImport', () => {
  const file = { teamId, taskId, fileName: ' results.json ', content: '{"evalId":"x"}' };

  it('takes a file to preview, or with a mapping of subjects to candidates or to null', () => {
    expect(ZEvalImport.parse(file)).toEqual({ ...file, fileName: 'results.json' });
    const mapping = { 'openai:gpt-4o': teamId, 'openai:gpt-4o-mini': null };
    expect(ZEvalImport.parse({ ...file, mapping }).mapping).toEqual(mapping);
  });

  it.each([
    ['an empty file', { ...file, content: '' }, 'content', /empty/],
    [
      'a file over the limit',
      { ...file, content: 'x'.repeat(EVAL_FILE_MAX_BYTES + 1) },
      'content',
      /larger than 50 MB/,
    ],
    ['no file name', { ...file, fileName: '  ' }, 'fileName', /file name/],
    ['a mapping to something other than an id', { ...file, mapping: { a: 'gpt' } }, 'mapping', /valid id/],
    ['a mapping that is a list', { ...file, mapping: [teamId] }, 'mapping', /subject key/],
  ])('refuses %s, naming the field', (_label, input, field, message) => {
    const errors = fieldErrors(ZEvalImport.safeParse(input));
    const entry = Object.entries(errors).find(([path]) => path.startsWith(field));
    expect(entry?.[1], JSON.stringify(errors)).toMatch(message);
  });
});
