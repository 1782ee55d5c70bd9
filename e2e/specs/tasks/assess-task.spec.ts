import { readFile } from 'node:fs/promises';
import { DEMO_TEAM } from '@rightsize/api/seed';
import type { Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures.ts';
import { signInAsDemo } from '../../support/sign-in.ts';
import { createProjectAndTask } from '../../support/tasks.ts';

const letterCard = (page: Page, letter: string) => page.locator(`article[data-letter="${letter}"]`);

const setVerdict = async (page: Page, letter: string, verdict: 'Pass' | 'Fail' | 'Unknown', rationale: string) => {
  const card = letterCard(page, letter);
  await card.getByText('Set the verdict').click();
  await card.getByRole('radio', { name: verdict }).check();
  await card.getByLabel('Rationale').fill(rationale);
  await card.getByRole('button', { name: /^Save / }).click();
  await expect(card.getByTestId('verdict')).toHaveText(verdict);
};

test('an editor records a task, assesses it with evidence, and finds every step in the audit trail and its CSV', async ({
  page,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  await signInAsDemo(page, 'editor@demo.example');
  await page.getByRole('link', { name: DEMO_TEAM.name }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projects');

  // A project, then a task with its budgets; a p99 under the p95 is refused on the field.
  await page.getByLabel('Name').fill(`Expenses ${stamp}`);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Expenses ${stamp}`);
  await page.getByRole('link', { name: 'New task' }).click();
  await page.getByLabel('Name').fill(`Read receipts ${stamp}`);
  await page.getByLabel('Requests per month').fill('3M');
  await page.getByLabel('Input, typical').fill('1,100');
  await page.getByLabel('Output, typical').fill('80');
  await page.getByLabel('p95 (ms)').fill('900');
  await page.getByLabel('p99 (ms)').fill('400');
  await page.getByLabel('Locality').selectOption('OWN_CLOUD');
  await page.getByRole('checkbox', { name: 'EU', exact: true }).check();
  await page.getByLabel('Memory budget').fill('8 GB');
  await page.getByLabel('Quality metric').fill('field-level exact match');
  await page.getByLabel('Bar it must reach').fill('0.95');
  await page.getByRole('button', { name: 'Create task' }).click();
  await expect(page.locator('[data-field-error="latencyP99Ms"]')).toContainText('at least the p95');
  await expect(page.getByLabel('Requests per month')).toHaveValue('3M');
  await page.getByLabel('p99 (ms)').fill('1500');
  await page.getByRole('button', { name: 'Create task' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Read receipts ${stamp}`);
  const budgets = page.getByTestId('budgets');
  await expect(budgets).toContainText('3M (3,000,000)');
  await expect(budgets).toContainText('900 ms / 1,500 ms');
  await expect(budgets).toContainText('8.00 GB');
  await expect(page.getByTestId('reading-explanation')).toContainText('Not assessed yet');

  // S and M pass, with evidence: a candidate for a small system that still needs A, L, L.
  await setVerdict(page, 'SPECIFIC', 'Pass', 'Four fields from one kind of document.');
  const measured = letterCard(page, 'MEASURED');
  const addMetric = measured.locator('[data-add-evidence="METRIC"]');
  await addMetric.getByText('Add a metric').first().click();
  await addMetric.getByLabel('Metric').fill('field-level exact match');
  await addMetric.getByLabel('Value').fill('0.962');
  await addMetric.getByLabel('Unit').fill('fraction');
  await addMetric.getByLabel('Sample size').fill('2,000');
  await addMetric.getByRole('button', { name: 'Add a metric' }).click();
  await expect(measured.locator('[data-evidence-kind="METRIC"]')).toContainText('0.962 fraction');
  await expect(measured.locator('[data-evidence-kind="METRIC"]')).toContainText('n = 2,000');
  const addNote = measured.locator('[data-add-evidence="NOTE"]');
  await addNote.getByText('Add a note').first().click();
  await addNote.getByLabel('Title').fill('How the eval set was built');
  await addNote.getByLabel('Note').fill('**2,000** receipts from *three* countries <script>window.hacked = 1</script>');
  await addNote.getByRole('button', { name: 'Add a note' }).click();
  const note = measured.locator('[data-evidence-kind="NOTE"]');
  await expect(note.locator('strong')).toHaveText('2,000');
  await expect(note.locator('script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await setVerdict(page, 'MEASURED', 'Pass', 'Held-out set, above the bar.');
  await expect(page.getByTestId('reading-explanation')).toContainText('gather evidence');

  // S failing overrides the rest.
  await setVerdict(page, 'SPECIFIC', 'Fail', 'On second thought, any document type arrives.');
  await expect(page.getByTestId('reading-explanation')).toContainText('not a small-model task');

  // The audit trail shows the steps, newest first, and the CSV holds them.
  await page.getByRole('link', { name: 'Audit trail', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit trail');
  const events = page.getByTestId('audit-event');
  await expect(events.first()).toContainText(/letter set/i);
  await expect(page.locator('main')).toContainText(/evidence added/i);
  await expect(page.locator('main')).toContainText(/task created/i);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('verify-result')).toContainText('Chain intact');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toMatch(/^seq,/);
  expect(csv).toContain('task.created');
  expect(csv).toContain('evidence.added');
  expect(csv).toContain(`Read receipts ${stamp}`);
});

test('a stale edit names who changed what, keeps the typed values, and can be saved over theirs', async ({
  browser,
}) => {
  test.slow();
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInAsDemo(first, 'editor@demo.example');
  await signInAsDemo(second, 'owner@demo.example');

  // The editor creates a task and opens its edit form…
  const stamp = Date.now().toString(36);
  await createProjectAndTask(first, `Conflicts ${stamp}`, {
    Name: `Triage tickets ${stamp}`,
    'Requests per month': '1M',
    'Input, typical': '400',
    'Output, typical': '5',
    'p95 (ms)': '300',
    'p99 (ms)': '600',
    'Quality metric': 'macro F1',
    'Bar it must reach': '0.9',
  });
  await first.getByRole('link', { name: 'Edit budgets' }).click();
  await first.waitForURL(/\/edit$/);
  const editUrl = first.url();

  // …the owner saves a new volume meanwhile…
  await second.goto(editUrl);
  await second.getByLabel('Requests per month').fill('2M');
  await second.getByRole('button', { name: 'Save budgets' }).click();
  await expect(second.getByTestId('budgets')).toContainText('2M (2,000,000)');

  // …and the editor's save is refused with the owner's change spelled out, the typed text kept.
  await first.getByLabel('Bar it must reach').fill('0.92');
  await first.getByRole('button', { name: 'Save budgets' }).click();
  const conflict = first.getByTestId('conflict');
  await expect(conflict).toContainText('Olivia Owner');
  await expect(conflict).toContainText('monthly requests from 1,000,000 to 2,000,000');
  await expect(first.getByLabel('Bar it must reach')).toHaveValue('0.92');
  await first.getByRole('button', { name: 'Save mine over theirs' }).click();
  await expect(first.getByTestId('budgets')).toContainText('≥ 0.92');
});
