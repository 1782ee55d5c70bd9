import type { Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures.ts';

const canvasImage = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());

const blankCanvas = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluate((canvas) => {
    const blank = document.createElement('canvas');
    blank.width = (canvas as HTMLCanvasElement).width;
    blank.height = (canvas as HTMLCanvasElement).height;
    return blank.toDataURL();
  });

test('the lesson view is the default and matches the lesson', async ({ page }) => {
  await page.goto('/explore');
  await expect(page.getByTestId('params-value')).toHaveText('3B');
  await expect(page.getByTestId('served-value')).toHaveText('10B');
  await expect(page.getByTestId('memory-f16')).toHaveText('6.00 GB');
  await expect(page.getByTestId('memory-q4')).toHaveText('1.50 GB');
  await expect(page.getByTestId('training-time')).toHaveText('12.5 d');
  await expect(page.getByTestId('serving-time')).toHaveText('16.7 h');
  await expect(page.getByTestId('crossover')).toContainText('60×');
  await expect(page.getByTestId('crossover')).toContainText('180B tokens');
});

test('moving the sliders updates the read-outs, the chart and the URL', async ({ page }) => {
  await page.goto('/explore');
  // The chart is drawn once the page has hydrated.
  await expect
    .poll(async () => (await canvasImage(page, 'share-chart')) !== (await blankCanvas(page, 'share-chart')))
    .toBe(true);
  const marker = page.getByTestId('share-chart-marker');
  await expect(marker).toBeVisible();
  const markerBefore = await marker.boundingBox();

  const params = page.getByLabel('Parameters', { exact: true });
  await params.focus();
  await page.keyboard.press('End'); // keyboard-accessible: End jumps to 500B
  await expect(page.getByTestId('params-value')).toHaveText('500B');
  await expect(page.getByTestId('memory-f16')).toHaveText('1.00 TB');
  await expect(page.getByTestId('memory-q4')).toHaveText('250 GB');
  // "you" moves right along the curve.
  await expect.poll(async () => (await marker.boundingBox())?.x ?? 0).toBeGreaterThan((markerBefore?.x ?? 0) + 100);
  await expect(page).toHaveURL(/params=5e11/);

  for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('params-value')).not.toHaveText('500B');

  // Serving more tokens lifts the whole curve: the chart itself is redrawn.
  const chartBefore = await canvasImage(page, 'share-chart');
  await page.getByLabel('Tokens served over its life').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('served-value')).toHaveText('1000T');
  await expect.poll(() => canvasImage(page, 'share-chart')).not.toBe(chartBefore);
  await expect(page).toHaveURL(/served=1e15/);
});

test('a shared URL restores the view', async ({ page }) => {
  await page.goto('/explore?params=7e10&served=1e12&preset=h100-sxm&tpp=1875');
  await expect(page.getByTestId('params-value')).toHaveText('70B');
  await expect(page.getByTestId('served-value')).toHaveText('1T');
  await expect(page.getByLabel('Hardware', { exact: true })).toHaveValue('h100-sxm');
  await expect(page.getByLabel('Tokens per parameter')).toHaveValue('1875');
  await expect(page.getByTestId('memory-f16')).toHaveText('140 GB');
  await expect(page.getByTestId('memory-q4')).toHaveText('35.0 GB');
  const share = await page.getByTestId('inference-share').textContent();

  // The URL the sliders write is the same view after a reload.
  await page.getByLabel('Tokens served over its life').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page).not.toHaveURL(/served=1e12/);
  const served = await page.getByTestId('served-value').textContent();
  await page.reload();
  await expect(page.getByTestId('served-value')).toHaveText(served ?? '');
  await expect(page.getByTestId('inference-share')).not.toHaveText(share ?? '');
});

test('works without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/explore?params=7e10');
  await expect(page.getByTestId('memory-f16')).toHaveText('140 GB');
  await page.getByLabel('Hardware', { exact: true }).selectOption('l4');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page).toHaveURL(/preset=l4/);
  await expect(page.getByTestId('memory-f16')).toHaveText('140 GB');
  await expect(page.getByTestId('hardware-table')).toBeVisible();
  await context.close();
});
