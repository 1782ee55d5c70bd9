import type { Page } from '@playwright/test';
import { DEMO_TEAM } from '@rightsize/api/seed';

/** The task form's fields by label, as a person types them. */
export type TaskFormValues = Partial<
  Record<
    | 'Name'
    | 'Requests per month'
    | 'Input, typical'
    | 'Output, typical'
    | 'p95 (ms)'
    | 'p99 (ms)'
    | 'Monthly budget (USD)'
    | 'Memory budget'
    | 'Quality metric'
    | 'Bar it must reach',
    string
  >
>;

/** Fills the new/edit task form's text fields; other controls are left to the caller. */
export const fillTaskForm = async (page: Page, values: TaskFormValues) => {
  for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
};

/**
 * From the teams page, through the UI: a new project in the demo team and a task in it with the
 * given budgets. Leaves the page on the created task.
 */
export const createProjectAndTask = async (page: Page, project: string, task: TaskFormValues) => {
  await page.getByRole('link', { name: DEMO_TEAM.name }).first().click();
  // The teams page has a "Team name" field too: wait for the projects page before typing.
  await page.waitForURL(/\/projects$/);
  await page.getByLabel('Name', { exact: true }).fill(project);
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
  await page.getByRole('link', { name: 'New task' }).click();
  await page.waitForURL(/\/tasks\/new$/);
  await fillTaskForm(page, task);
  await page.getByRole('button', { name: 'Create task' }).click();
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
};
