import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD, DEMO_TEAM } from '@rightsize/api/seed';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures.ts';
import { signInAsDemo } from '../../support/sign-in.ts';
import { database, originOf } from '../../support/trpc-http.ts';

const call = async (page: Page, baseURL: string | undefined, path: string, input: unknown) => {
  const response = await page.request.post(`/api/trpc/${path}`, {
    data: input,
    headers: { origin: originOf(baseURL) },
  });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()).result.data as { id: string };
};

const asDemo = async (browser: Browser, email: string) => {
  const page = await (await browser.newContext()).newPage();
  await signInAsDemo(page, email);
  return page;
};

const signAs = async (page: Page, url: string, capacity: string) => {
  await page.goto(url);
  const panel = page.getByTestId('sign-off-panel');
  await panel.getByLabel('Sign as').selectOption(capacity);
  await panel.getByLabel('Approve').check();
  await panel.getByLabel('Your password').fill(DEMO_PASSWORD);
  await panel.getByRole('button', { name: 'Sign against this snapshot' }).click();
  await expect(panel.locator(`[data-capacity="${capacity}"]`)).toContainText('approved by');
};

/** Records a decision on the comparison page and proposes it; returns the decision's address. */
const propose = async (page: Page, compareUrl: string, title: string, chosen: string) => {
  await page.goto(compareUrl);
  await page.getByLabel('Decision title').fill(title);
  await page.getByLabel('Chosen candidate').selectOption({ label: chosen });
  await page.getByLabel('Context and problem').fill(`Why **${chosen}**: it fits the budgets.`);
  await page.getByRole('button', { name: 'Propose for sign-off' }).click();
  await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
  await expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'PROPOSED');
  return page.url();
};

test('a decision proposed from the comparison is approved by engineering and finance in two browsers, and supersedes the older one', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const editor = await asDemo(browser, 'editor@demo.example');
  const team = await database().team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug }, select: { id: true } });

  // A task with two candidates, set up through the API.
  const project = await call(editor, baseURL, 'project.create', { teamId: team.id, name: `Decisions ${stamp}` });
  const task = await call(editor, baseURL, 'task.create', {
    teamId: team.id,
    projectId: project.id,
    name: `Tag invoices ${stamp}`,
    monthlyRequests: 1_000_000,
    inputTokens: 500,
    outputTokens: 20,
    latencyP95Ms: 1000,
    latencyP99Ms: 2000,
    monthlyBudgetUsd: 3000,
    qualityMetric: 'exact match',
    qualityBar: 0.9,
  });
  for (const [name, priceId] of [
    ['Mini API', 'openai-gpt-4o-mini'],
    ['Big API', 'openai-gpt-4o'],
  ]) {
    await call(editor, baseURL, 'candidate.create', {
      teamId: team.id,
      taskId: task.id,
      kind: 'FRONTIER_API',
      name,
      spec: { deployment: 'API', priceId, ttftSeconds: 0.4, outputTokensPerSecond: 80 },
    });
  }
  const compareUrl = `/teams/${team.id}/tasks/${task.id}/compare`;

  // The editor proposes the first decision; the owner signs for engineering, the viewer for finance.
  const owner = await asDemo(browser, 'owner@demo.example');
  const viewer = await asDemo(browser, 'viewer@demo.example');
  const first = await propose(editor, compareUrl, `Big API for invoices ${stamp}`, 'Big API');
  // The proposer holds ENGINEERING but may not approve their own decision.
  await expect(editor.getByTestId('sign-off-panel').getByLabel('Approve')).toBeDisabled();
  await signAs(owner, first, 'ENGINEERING');
  await expect(owner.locator('[data-status]').first()).toHaveAttribute('data-status', 'PROPOSED');
  await signAs(viewer, first, 'FINANCE');
  await expect(viewer.locator('[data-status]').first()).toHaveAttribute('data-status', 'ACCEPTED');

  // The viewer cannot edit: no decision form on the comparison, no draft or withdraw controls.
  await viewer.goto(compareUrl);
  await expect(viewer.getByRole('heading', { name: 'Compare candidates' })).toBeVisible();
  await expect(viewer.getByText('Record a decision')).toHaveCount(0);
  await viewer.goto(first);
  await expect(viewer.getByRole('button', { name: 'Withdraw to draft' })).toHaveCount(0);
  await expect(viewer.getByLabel('Title')).toHaveCount(0);

  // A second decision for the same task, accepted the same way, supersedes the first.
  const second = await propose(editor, compareUrl, `Mini API for invoices ${stamp}`, 'Mini API');
  await signAs(owner, second, 'ENGINEERING');
  await signAs(viewer, second, 'FINANCE');
  await expect(viewer.locator('[data-status]').first()).toHaveAttribute('data-status', 'ACCEPTED');
  await viewer.goto(first);
  await expect(viewer.locator('[data-status]').first()).toHaveAttribute('data-status', 'SUPERSEDED');
  await expect(viewer.getByTestId('superseded-by')).toBeVisible();

  // The task lists its decisions with their status.
  await viewer.goto(`/teams/${team.id}/tasks/${task.id}`);
  const onTask = viewer.getByTestId('task-decisions');
  await expect(
    onTask.locator('li', { hasText: `Big API for invoices ${stamp}` }).locator('[data-status]'),
  ).toHaveAttribute('data-status', 'SUPERSEDED');
  await expect(
    onTask.locator('li', { hasText: `Mini API for invoices ${stamp}` }).locator('[data-status]'),
  ).toHaveAttribute('data-status', 'ACCEPTED');

  // The decision log shows both, and the Markdown export is MADR with the snapshot hash.
  await viewer
    .getByRole('navigation', { name: /sections/ })
    .getByRole('link', { name: 'Decisions' })
    .click();
  await expect(viewer.getByTestId('decision-log')).toContainText(`Mini API for invoices ${stamp}`);
  await viewer.goto(second);
  const hash = await viewer.getByTestId('snapshot-hash').textContent();
  const [download] = await Promise.all([
    viewer.waitForEvent('download'),
    viewer.getByTestId('markdown-download').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ADR-\d{4}-.+\.md$/);
  const markdown = await readFile((await download.path())!, 'utf8');
  expect(markdown).toMatch(/^---\n[\s\S]*status: "?accepted"?[\s\S]*\n---\n/);
  expect(markdown).toContain(hash!);

  // The whole log as a zip of Markdown files, for members only.
  const archive = await viewer.request.get(`/teams/${team.id}/decisions/export.zip`);
  expect(archive.status()).toBe(200);
  expect(archive.headers()['content-type']).toBe('application/zip');
  expect((await archive.body()).subarray(0, 2).toString()).toBe('PK');

  // A price changed after acceptance: the decision keeps its frozen figures and says the live ones moved.
  const frozenCost = await viewer
    .locator('[data-candidate="Mini API"] td[data-column="monthly"] .tabular-nums')
    .textContent();
  const candidates = (
    await (
      await editor.request.get(
        `/api/trpc/candidate.find?input=${encodeURIComponent(JSON.stringify({ teamId: team.id, taskId: task.id }))}`,
      )
    ).json()
  ).result.data as { id: string; name: string; version: number }[];
  const mini = candidates.find((c) => c.name === 'Mini API')!;
  await call(editor, baseURL, 'candidate.update', {
    teamId: team.id,
    candidateId: mini.id,
    version: mini.version,
    spec: {
      deployment: 'API',
      usdPerMillionInputTokens: 5,
      usdPerMillionOutputTokens: 20,
      ttftSeconds: 0.4,
      outputTokensPerSecond: 80,
    },
  });
  await viewer.reload();
  await expect(viewer.getByTestId('stale-banner')).toContainText('Mini API');
  await expect(viewer.locator('[data-candidate="Mini API"] td[data-column="monthly"] .tabular-nums')).toHaveText(
    frozenCost!,
  );
});
