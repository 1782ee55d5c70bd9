/**
 * Benchmark of `explore()`: one call, and a one-second slider drag at 120 Hz (120 successive calls
 * with the parameter count moving log-uniformly from 0.5 B to 500 B). Reports the median and p95
 * over many runs after a warm-up, against the 16.7 ms frame budget of 60 fps.
 *
 * Run from packages/core: `node bench/explore.bench.ts` (or `pnpm bench`).
 */
import { explore, type ExplorerPresetId } from '../src/index.ts';

const FRAME_BUDGET_MS = 1000 / 60;
const DRAG_STEPS = 120;
const SINGLE_RUNS = 5000;
const DRAG_RUNS = 300;
const WARMUP_CALLS = 3000;

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

function summarise(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((x, y) => x - y);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted[sorted.length - 1] ?? Number.NaN };
}

function dragParams(step: number): number {
  return 0.5e9 * 1000 ** (step / (DRAG_STEPS - 1));
}

function run(preset: ExplorerPresetId, servedTokens: number, params: number): void {
  const e = explore({ params, servedTokens, preset });
  sink += e.inferenceShare + e.inferenceOptimal.params + (e.shareCurve[50]?.share ?? 0);
}

// Warm-up: let the JIT settle on every path.
for (let i = 0; i < WARMUP_CALLS; i += 1)
  run(i % 2 === 0 ? 'lesson' : 'h100-sxm', 1e10 * (1 + (i % 7)), dragParams(i % DRAG_STEPS));

const single: number[] = [];
for (let i = 0; i < SINGLE_RUNS; i += 1) {
  const params = dragParams(i % DRAG_STEPS);
  const start = nowMs();
  run('lesson', 10e9, params);
  single.push(nowMs() - start);
}

const drag: number[] = [];
const dragWorstFrame: number[] = [];
for (let r = 0; r < DRAG_RUNS; r += 1) {
  const servedTokens = 10e9 * (1 + (r % 5));
  let worst = 0;
  const start = nowMs();
  for (let step = 0; step < DRAG_STEPS; step += 1) {
    const t0 = nowMs();
    run('h100-sxm', servedTokens, dragParams(step));
    worst = Math.max(worst, nowMs() - t0);
  }
  drag.push(nowMs() - start);
  dragWorstFrame.push(worst);
}

const s = summarise(single);
const d = summarise(drag);
const w = summarise(dragWorstFrame);
const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`);
const ratio = (ms: number): string => `${((ms / FRAME_BUDGET_MS) * 100).toFixed(3)} % of the 16.7 ms frame`;

console.log(`explore() benchmark — Node ${process.version}, ${WARMUP_CALLS} warm-up calls`);
console.log('');
console.log(`one call (${SINGLE_RUNS} runs)`);
console.log(`  median ${fmt(s.median)}  (${ratio(s.median)})`);
console.log(`  p95    ${fmt(s.p95)}  (${ratio(s.p95)})`);
console.log('');
console.log(`slider drag: ${DRAG_STEPS} calls, 0.5 B → 500 B log-uniform, one second at 120 Hz (${DRAG_RUNS} runs)`);
console.log(`  whole drag median ${fmt(d.median)}  (${ratio(d.median)})`);
console.log(`  whole drag p95    ${fmt(d.p95)}  (${ratio(d.p95)})`);
console.log(`  per call (median of drag / ${DRAG_STEPS}) ${fmt(d.median / DRAG_STEPS)}`);
console.log(`  slowest call in a drag: median ${fmt(w.median)}, p95 ${fmt(w.p95)}  (${ratio(w.p95)})`);
console.log('');
console.log(
  `frame budget ${FRAME_BUDGET_MS.toFixed(1)} ms: one call uses ${(s.median / FRAME_BUDGET_MS).toExponential(2)} of it; ` +
    `a whole second of dragging fits ${(FRAME_BUDGET_MS / d.median).toFixed(1)}× into a single frame`,
);
if (!Number.isFinite(sink)) console.log('unexpected non-finite result');
