// Frame timing of the cost-curve explorer while a slider is dragged, in Debian's Chromium against
// the built server. Prints figures and ratios against the 60 fps frame budget; asserts nothing.
//
//   pnpm --filter @rightsize/e2e bench
//
// Each animation frame moves the parameter slider one step (an `input` event, as a pointer drag
// produces) and measures the script time until Svelte has flushed and Chart.js has redrawn, plus
// the interval between frames. Headless Chromium paces frames at 60 Hz.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { startStack } from '../support/stack.ts';

const FRAMES = 600; // ten seconds of dragging, back and forth across the whole range
const BUDGET_MS = 1000 / 60;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const describe = (label: string, values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const [median, p95, p99, max] = [0.5, 0.95, 0.99, 1].map((q) => quantile(sorted, q)) as [
    number,
    number,
    number,
    number,
  ];
  const ratio = (ms: number) => `${((ms / BUDGET_MS) * 100).toFixed(1)} % of a frame`;
  console.log(`${label}`);
  console.log(`  median ${median.toFixed(2)} ms (${ratio(median)})   p95 ${p95.toFixed(2)} ms (${ratio(p95)})`);
  console.log(`  p99    ${p99.toFixed(2)} ms (${ratio(p99)})   max ${max.toFixed(2)} ms`);
};

const stack = await startStack({ logLevel: 'silent' });
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${stack.origin}/explore`);
  await page.waitForLoadState('networkidle');
  // Hydrated once the chart has drawn something.
  await page.waitForFunction(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="share-chart"]');
    return (
      canvas !== null &&
      canvas.width > 0 &&
      canvas
        .getContext('2d')
        ?.getImageData(0, 0, canvas.width, canvas.height)
        .data.some((v) => v !== 0)
    );
  });

  // The size slider moves only the "you" marker over the curve; the served-tokens slider redraws
  // the curve itself, the most a single input can cost.
  for (const slider of [
    { id: 'params', name: 'parameter slider (moves the marker)' },
    { id: 'served', name: 'served-tokens slider (redraws the curve)' },
  ]) {
    const result = await page.evaluate(
      async ({ frames, id }) => {
        const input = document.querySelector<HTMLInputElement>(`#${id}`);
        if (!input) throw new Error(`no slider #${id}`);
        const max = Number(input.max);
        const work: number[] = [];
        const intervals: number[] = [];
        let last = performance.now();
        for (let frame = 0; frame < frames; frame++) {
          const now = await new Promise<number>((done) => requestAnimationFrame(done));
          intervals.push(now - last);
          last = now;
          const start = performance.now();
          // 200 frames from one end to the other, then back.
          const position = frame % 400;
          const along = position < 200 ? position / 200 : (400 - position) / 200;
          input.value = String(Math.round(along * max));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // Svelte flushes its effects (including the chart update) in a microtask.
          await Promise.resolve();
          await Promise.resolve();
          work.push(performance.now() - start);
        }
        return { work, intervals: intervals.slice(1) };
      },
      { frames: FRAMES, id: slider.id },
    );

    const dropped = result.intervals.filter((ms) => ms > BUDGET_MS * 1.5).length;
    const meanInterval = result.intervals.reduce((a, b) => a + b, 0) / result.intervals.length;
    console.log(`\n${slider.name} — ${FRAMES} frames, Chromium ${browser.version()}`);
    describe('script time per frame (input → estimator → Svelte → Chart.js)', result.work);
    describe('interval between frames', result.intervals);
    console.log(
      `  ${(1000 / meanInterval).toFixed(1)} fps on average; ${dropped} of ${result.intervals.length} frames late by > 50 % (${((dropped / result.intervals.length) * 100).toFixed(1)} %)`,
    );
  }
} finally {
  await browser.close();
  await stack.stop();
}
