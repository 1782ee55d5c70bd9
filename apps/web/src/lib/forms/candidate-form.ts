// A candidate's form as posted (all strings) → the input candidate.create / candidate.update take,
// and back. One form serves every deployment: its sections are all in the page (so it works
// without JavaScript), and only the chosen deployment's fields are read. Values that do not parse
// pass through, so the API's schema names the field and the fix.
import { parseCount, parseNumber } from './quantity.ts';

const str = (data: FormData, key: string): string => {
  const value = data.get(key);
  return typeof value === 'string' ? value.trim() : '';
};

/** Absent when blank: optional spec fields are left out rather than sent empty. */
const optional = (raw: string, parse: (raw: string) => number | string = parseNumber) =>
  raw === '' ? undefined : parse(raw);

const withoutUndefined = <T extends Record<string, unknown>>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;

const modelFromForm = (data: FormData) =>
  str(data, 'modelSource') === 'custom'
    ? {
        custom: withoutUndefined({
          name: str(data, 'customName') || str(data, 'name'),
          params: parseCount(str(data, 'customParams')),
          architecture:
            str(data, 'customLayers') === ''
              ? undefined
              : {
                  layers: parseCount(str(data, 'customLayers')),
                  heads: parseCount(str(data, 'customHeads')),
                  kvHeads: parseCount(str(data, 'customKvHeads')),
                  headDim: parseCount(str(data, 'customHeadDim')),
                },
        }),
      }
    : { catalogId: str(data, 'modelId') };

/** The deployment spec of a posted form (non-cascade candidates). */
export const specFromForm = (data: FormData) => {
  const deployment = str(data, 'deployment');
  const jurisdiction = str(data, 'jurisdiction') || undefined;
  const advanced = {
    mfu: optional(str(data, 'mfu')),
    mbu: optional(str(data, 'mbu')),
    peakFlops: optional(str(data, 'peakFlops'), parseCount),
  };
  if (deployment === 'API') {
    return withoutUndefined({
      deployment,
      priceId: str(data, 'priceId') || undefined,
      usdPerMillionInputTokens: optional(str(data, 'usdPerMillionInputTokens')),
      usdPerMillionOutputTokens: optional(str(data, 'usdPerMillionOutputTokens')),
      usdPerRequest: optional(str(data, 'usdPerRequest')),
      ttftSeconds: optional(str(data, 'ttftSeconds')),
      outputTokensPerSecond: optional(str(data, 'outputTokensPerSecond')),
      jurisdiction,
    });
  }
  if (deployment === 'SELF_HOSTED') {
    const hardware =
      str(data, 'hardwareKind') === 'cpu'
        ? {
            cpu: {
              usdPerVcpuHour: parseNumber(str(data, 'usdPerVcpuHour')),
              vcpuSecondsPerRequest: parseNumber(str(data, 'vcpuSecondsPerRequest')),
            },
          }
        : {
            gpu: withoutUndefined({
              deviceId: str(data, 'gpuDeviceId'),
              gpuPriceId: str(data, 'gpuPriceId') || undefined,
              usdPerHour: optional(str(data, 'usdPerHour')),
              ...advanced,
            }),
          };
    return withoutUndefined({
      deployment,
      runsIn: str(data, 'runsIn'),
      model: modelFromForm(data),
      format: str(data, 'format'),
      kvFormat: str(data, 'kvFormat') || undefined,
      hardware,
      replicas: optional(str(data, 'replicas'), parseCount),
      maxConcurrency: optional(str(data, 'maxConcurrency'), parseCount),
      jurisdiction,
    });
  }
  if (deployment === 'ON_DEVICE') {
    return withoutUndefined({
      deployment,
      model: modelFromForm(data),
      format: str(data, 'format'),
      kvFormat: str(data, 'kvFormat') || undefined,
      deviceId: str(data, 'deviceId'),
      fixedMonthlyUsd: optional(str(data, 'fixedMonthlyUsd')),
      ...withoutUndefined(advanced),
    });
  }
  return { deployment };
};

/** The candidate fields of a posted form, for candidate.create (with teamId and taskId added). */
export const candidateFromForm = (data: FormData) => {
  const kind = str(data, 'kind');
  const common = { kind, name: str(data, 'name'), notes: str(data, 'notes') };
  return kind === 'CASCADE'
    ? {
        ...common,
        smallCandidateId: str(data, 'smallCandidateId'),
        largeCandidateId: str(data, 'largeCandidateId'),
        escalationRate: parseNumber(str(data, 'escalationRate')),
      }
    : { ...common, spec: specFromForm(data) };
};

/** A zod issue path of candidate.create/update → the form field that shows it. */
export const candidateFieldFor = (path: readonly PropertyKey[]): string => {
  const keys = path.map(String);
  if (keys[0] !== 'spec') return keys[0] ?? '';
  const [, first, second, third, fourth] = keys;
  if (first === 'model') {
    if (second === 'catalogId' || second === undefined) return 'modelId';
    if (third === 'architecture')
      return fourth === undefined ? 'customLayers' : `custom${fourth[0]!.toUpperCase()}${fourth.slice(1)}`;
    return third === 'name' ? 'customName' : 'customParams';
  }
  if (first === 'hardware') {
    if (third === 'deviceId') return 'gpuDeviceId';
    return third ?? 'hardwareKind';
  }
  return first ?? 'deployment';
};

type Spec = Record<string, unknown> & {
  model?: { catalogId?: string; custom?: { name: string; params: number; architecture?: Record<string, number> } };
  hardware?: { gpu?: Record<string, unknown>; cpu?: Record<string, unknown> };
};

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** What the form shows for a stored candidate. */
export const candidateFormValues = (candidate: {
  kind: string;
  name: string;
  notes: string;
  spec: unknown;
  smallCandidateId: string | null;
  largeCandidateId: string | null;
  escalationRate: number | null;
}): Record<string, string> => {
  const spec = (candidate.spec ?? {}) as Spec;
  const gpu = spec.hardware?.gpu ?? {};
  const cpu = spec.hardware?.cpu ?? {};
  const custom = spec.model?.custom;
  const source = spec.deployment === 'SELF_HOSTED' ? gpu : spec;
  return {
    kind: candidate.kind,
    name: candidate.name,
    notes: candidate.notes,
    deployment: text(spec.deployment),
    priceId: text(spec.priceId),
    usdPerMillionInputTokens: text(spec.usdPerMillionInputTokens),
    usdPerMillionOutputTokens: text(spec.usdPerMillionOutputTokens),
    usdPerRequest: text(spec.usdPerRequest),
    ttftSeconds: text(spec.ttftSeconds),
    outputTokensPerSecond: text(spec.outputTokensPerSecond),
    jurisdiction: text(spec.jurisdiction),
    modelSource: custom ? 'custom' : 'catalog',
    modelId: text(spec.model?.catalogId),
    customName: text(custom?.name),
    customParams: text(custom?.params),
    customLayers: text(custom?.architecture?.layers),
    customHeads: text(custom?.architecture?.heads),
    customKvHeads: text(custom?.architecture?.kvHeads),
    customHeadDim: text(custom?.architecture?.headDim),
    format: text(spec.format),
    kvFormat: text(spec.kvFormat),
    runsIn: text(spec.runsIn) || 'OWN_CLOUD',
    hardwareKind: spec.hardware?.cpu ? 'cpu' : 'gpu',
    gpuDeviceId: text(gpu.deviceId),
    gpuPriceId: text(gpu.gpuPriceId),
    usdPerHour: text(gpu.usdPerHour),
    usdPerVcpuHour: text(cpu.usdPerVcpuHour),
    vcpuSecondsPerRequest: text(cpu.vcpuSecondsPerRequest),
    replicas: text(spec.replicas),
    maxConcurrency: text(spec.maxConcurrency),
    deviceId: text(spec.deviceId),
    fixedMonthlyUsd: text(spec.fixedMonthlyUsd),
    mfu: text(source.mfu),
    mbu: text(source.mbu),
    peakFlops: text(source.peakFlops),
    smallCandidateId: text(candidate.smallCandidateId),
    largeCandidateId: text(candidate.largeCandidateId),
    escalationRate: text(candidate.escalationRate),
  };
};
