import { makePromptfooResults } from '@rightsize/api/eval-files';
import type { Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures.ts';
import { signInAsDemo } from '../../support/sign-in.ts';
import { createProjectAndTask } from '../../support/tasks.ts';

const addCandidate = async (page: Page, compareUrl: string, fill: (page: Page) => Promise<void>) => {
  await page.goto(compareUrl);
  await page.getByRole('link', { name: 'Add candidate' }).click();
  await page.waitForURL(/\/candidates\/new$/);
  await fill(page);
  await page.getByRole('button', { name: 'Add candidate' }).click();
  await page.waitForURL(/\/compare$/);
};

const row = (page: Page, name: string) => page.locator(`[data-testid="candidate-row"][data-candidate="${name}"]`);

test('an editor adds candidates of three kinds, imports a promptfoo run, and sees measured figures, the radar and a dominated candidate', async ({
  page,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  await signInAsDemo(page, 'editor@demo.example');
  await createProjectAndTask(page, `Support ${stamp}`, {
    Name: `Route tickets ${stamp}`,
    'Requests per month': '2M',
    'Input, typical': '300',
    'Output, typical': '5',
    'p95 (ms)': '800',
    'p99 (ms)': '1500',
    'Monthly budget (USD)': '2,000',
    'Quality metric': 'routing accuracy',
    'Bar it must reach': '0.9',
  });
  await page.getByRole('link', { name: /Compare candidates/ }).click();
  await page.waitForURL(/\/compare$/);
  const compareUrl = page.url();
  await expect(page.getByText('No candidates yet.')).toBeVisible();

  // A frontier API and a cheaper API from the price catalogue, with the provider's speed as stated…
  for (const [name, price, ttft] of [
    ['Big API', 'openai-gpt-4o', '0.5'],
    ['Mini API', 'openai-gpt-4o-mini', '0.4'],
  ] as const) {
    await addCandidate(page, compareUrl, async (form) => {
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Kind').selectOption('FRONTIER_API');
      await form.getByLabel("A provider's API").check();
      await form.getByLabel('Price from the catalogue').selectOption(price);
      await form.getByLabel('Provider TTFT (seconds)').fill(ttft);
      await form.getByLabel('Provider output tokens/s').fill('80');
    });
  }
  // …a fine-tuned encoder on CPU…
  await addCandidate(page, compareUrl, async (form) => {
    await form.getByLabel('Name', { exact: true }).fill('Encoder on CPU');
    await form.getByLabel('Kind').selectOption('CLASSIFIER');
    await form.getByLabel('Self-hosted (own cloud or premises)').check();
    await form.getByLabel('Catalogue model').selectOption('distilbert-base-uncased');
    await form.getByLabel('Precision / quantisation').selectOption('f32');
    await form.getByLabel('CPUs (vCPU-hours)').check();
    await form.getByLabel('USD per vCPU-hour').fill('0.04');
    await form.getByLabel('vCPU-seconds per request').fill('0.02');
  });
  // …and an 8 B model on one L4.
  await addCandidate(page, compareUrl, async (form) => {
    await form.getByLabel('Name', { exact: true }).fill('8B on an L4');
    await form.getByLabel('Kind').selectOption('SLM');
    await form.getByLabel('Self-hosted (own cloud or premises)').check();
    await form.getByLabel('Catalogue model').selectOption('llama-3.1-8b');
    await form.getByLabel('Precision / quantisation').selectOption('q8_0');
    await form.getByLabel('GPU', { exact: true }).selectOption('l4');
  });

  await expect(page.getByTestId('candidate-row')).toHaveCount(4);
  const miniP95 = row(page, 'Mini API').locator('td[data-column="p95"]');
  await expect(miniP95.locator('[data-basis]')).toHaveAttribute('data-basis', 'estimated');
  const estimate = await miniP95.locator('.tabular-nums').textContent();
  await expect(page.getByTestId('radar')).toBeVisible();

  // A promptfoo run of both APIs: the dearer one does worse, and its latencies are measured.
  const cases = Array.from({ length: 40 }, (_, i) => [
    { provider: 'openai:gpt-4o-mini', pass: i % 10 !== 0, latencyMs: 300 + i * 5 },
    { provider: 'openai:gpt-4o', pass: i % 5 !== 0, latencyMs: 600 + i * 10 },
  ]).flat();
  const file = JSON.stringify(
    makePromptfooResults({ providers: [{ id: 'openai:gpt-4o-mini' }, { id: 'openai:gpt-4o' }], cases }),
  );
  await page.getByRole('link', { name: 'Import eval results' }).click();
  await page.getByLabel('Results file (JSON)').setInputFiles({
    name: 'results.json',
    mimeType: 'application/json',
    buffer: Buffer.from(file),
  });
  await page.getByRole('button', { name: 'Read the file' }).click();
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toContainText('openai:gpt-4o-mini');
  await page.getByLabel('Candidate for openai:gpt-4o-mini').selectOption({ label: 'Mini API' });
  await page.getByLabel('Candidate for openai:gpt-4o', { exact: true }).selectOption({ label: 'Big API' });
  await page.getByRole('button', { name: 'Import for the chosen candidates' }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByRole('link', { name: 'Open the comparison' }).click();

  await expect(miniP95.locator('[data-basis]')).toHaveAttribute('data-basis', 'measured');
  expect(await miniP95.locator('.tabular-nums').textContent()).not.toBe(estimate);
  await expect(row(page, 'Mini API').locator('td[data-column="quality"]')).toContainText('0.9');
  await expect(row(page, 'Big API').getByTestId('dominated')).toBeVisible();
  await expect(row(page, 'Mini API').getByTestId('dominated')).toHaveCount(0);
  await expect(page.getByTestId('quality-cost')).toBeVisible();
  await expect(page.getByTestId('radar')).toBeVisible();

  // The view is a link: sorted by monthly cost, memory hidden.
  await page.getByRole('link', { name: /Cost \/ month/ }).click();
  await expect(page).toHaveURL(/sort=monthly/);
  await page.getByRole('checkbox', { name: 'Memory' }).check();
  await expect(page).toHaveURL(/hide=memory/);
  await expect(page.locator('th[data-column="memory"]')).toHaveCount(0);
  const names = await page
    .getByTestId('candidate-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-candidate')));
  expect(names.at(-1)).toBe('Big API');
});
