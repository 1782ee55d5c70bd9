/**
 * Benchmark of `evaluateCandidate()` and `evaluateCascade()`: one evaluation per deployment kind of
 * the receipts example, and a comparison page of 22 candidates and 2 cascades (priced GPUs for an
 * 8 B model, every API price, phones, CPU encoders, and cascades) re-evaluated as a slider moves the
 * monthly volume. Reports the median and p95 over many runs after a warm-up, against the 16.7 ms
 * frame budget of 60 fps (the UI runs the estimator live for sliders).
 *
 * Run from packages/core: `node bench/candidate.bench.ts` (or `pnpm bench`).
 */
import {
  apiPrices,
  evaluateCandidate,
  evaluateCascade,
  type CandidateKind,
  type CandidateSpec,
  type TaskBudgets,
} from '../src/index.ts';

const FRAME_BUDGET_MS = 1000 / 60;
const SINGLE_RUNS = 3000;
const PAGE_RUNS = 300;
const WARMUP_RUNS = 200;

const receipts: TaskBudgets = {
  monthlyRequests: 3e6,
  monthlyGrowth: 0.05,
  inputTokens: 400,
  outputTokens: 40,
  inputTokensP95: 900,
  outputTokensP95: 80,
  latencyP95Seconds: 4,
  latencyP99Seconds: 8,
  streaming: false,
  ttftSeconds: null,
  targetDeviceId: null,
  memoryBudgetBytes: null,
  locality: 'ANY',
  jurisdictions: ['EU'],
  monthlyBudgetUsd: 5000,
  qualityBar: 0.95,
  qualityHigherBetter: true,
};

const single: readonly [string, CandidateKind, CandidateSpec][] = [
  [
    'encoder classifier on CPU',
    'CLASSIFIER',
    {
      deployment: 'SELF_HOSTED',
      runsIn: 'OWN_CLOUD',
      model: { catalogId: 'distilbert-base-uncased' },
      format: 'f32',
      hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0.05 } },
    },
  ],
  [
    'Q4 3 B SLM on a phone',
    'SLM',
    { deployment: 'ON_DEVICE', model: { catalogId: 'llama-3.2-3b' }, format: 'q4_k_m', deviceId: 'apple-a17-pro' },
  ],
  [
    '8 B int4 on L4s',
    'SLM',
    {
      deployment: 'SELF_HOSTED',
      runsIn: 'OWN_CLOUD',
      model: { catalogId: 'llama-3.1-8b' },
      format: 'int4_awq',
      hardware: { gpu: { deviceId: 'l4' } },
    },
  ],
  [
    'frontier API',
    'FRONTIER_API',
    { deployment: 'API', priceId: 'openai-gpt-4o', ttftSeconds: 0.5, outputTokensPerSecond: 80 },
  ],
];

const gpus = ['h100-sxm', 'h200-sxm', 'a100-80gb-sxm', 'l4', 'l40s', 'rtx-4090', 'mi300x'] as const;
const page: [CandidateKind, CandidateSpec][] = [
  ...gpus.map((deviceId): [CandidateKind, CandidateSpec] => [
    'SLM',
    {
      deployment: 'SELF_HOSTED',
      runsIn: 'OWN_CLOUD',
      model: { catalogId: 'llama-3.1-8b' },
      format: 'fp8',
      hardware: { gpu: { deviceId, usdPerHour: 2 } },
    },
  ]),
  ...apiPrices
    .slice(0, 10)
    .map((p): [CandidateKind, CandidateSpec] => [
      'FRONTIER_API',
      { deployment: 'API', priceId: p.id, ttftSeconds: 0.4, outputTokensPerSecond: 90 },
    ]),
  ...(['apple-a17-pro', 'snapdragon-8-gen-3'] as const).map((deviceId): [CandidateKind, CandidateSpec] => [
    'SLM',
    { deployment: 'ON_DEVICE', model: { catalogId: 'qwen3-4b' }, format: 'q4_k_m', deviceId },
  ]),
  ...(['all-minilm-l6-v2', 'bge-small-en-v1.5', 'ms-marco-minilm-l6-v2'] as const).map(
    (catalogId): [CandidateKind, CandidateSpec] => [
      'EMBEDDER',
      {
        deployment: 'SELF_HOSTED',
        runsIn: 'ON_PREM',
        model: { catalogId },
        format: 'f32',
        hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0.01 } },
      },
    ],
  ),
];
const CASCADES = 2;

let sink = 0;

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (position - lo);
}

function summarise(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((x, y) => x - y);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

function evaluatePage(monthlyRequests: number): void {
  const task = { ...receipts, monthlyRequests };
  const evaluations = page.map(([kind, spec]) => evaluateCandidate({ task, kind, spec }));
  for (let i = 0; i < CASCADES; i += 1) {
    const small = evaluations[evaluations.length - 4 - i];
    const large = evaluations[gpus.length + i];
    if (small === undefined || large === undefined) throw new Error('page too short');
    const c = evaluateCascade({ task, small, large, escalationRate: 0.1 });
    sink += c.cost.monthlyUsd.value ?? 0;
  }
  for (const e of evaluations) sink += e.latency.p95Seconds.value ?? 0;
}

for (let i = 0; i < WARMUP_RUNS; i += 1) evaluatePage(1e5 * (1 + (i % 50)));

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`);
const ratio = (ms: number): string => `${((ms / FRAME_BUDGET_MS) * 100).toFixed(2)} % of the 16.7 ms frame`;

console.log(`evaluateCandidate() benchmark — Node ${process.version}, ${WARMUP_RUNS} warm-up pages`);
console.log('');
for (const [label, kind, spec] of single) {
  const samples: number[] = [];
  for (let i = 0; i < SINGLE_RUNS; i += 1) {
    const task = { ...receipts, monthlyRequests: 1e6 * (1 + (i % 10)) };
    const start = nowMs();
    const e = evaluateCandidate({ task, kind, spec });
    samples.push(nowMs() - start);
    sink += e.cost.monthlyUsd.value ?? 0;
  }
  const s = summarise(samples);
  console.log(`${label.padEnd(28)} median ${fmt(s.median).padStart(10)}  p95 ${fmt(s.p95).padStart(10)}`);
}

const pages: number[] = [];
for (let r = 0; r < PAGE_RUNS; r += 1) {
  const start = nowMs();
  evaluatePage(1e5 * 1.02 ** r);
  pages.push(nowMs() - start);
}
const p = summarise(pages);
console.log('');
console.log(
  `comparison page: ${page.length} candidates + ${CASCADES} cascades, volume moved per run (${PAGE_RUNS} runs)`,
);
console.log(`  median ${fmt(p.median)}  (${ratio(p.median)})`);
console.log(`  p95    ${fmt(p.p95)}  (${ratio(p.p95)})`);
if (!Number.isFinite(sink)) console.log('unexpected non-finite result');
