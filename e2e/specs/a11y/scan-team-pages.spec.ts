import AxeBuilder from '@axe-core/playwright';
import { DEMO_TEAM } from '@rightsize/api/seed';
import { expect, test } from '../../support/fixtures.ts';
import { signInAsDemo } from '../../support/sign-in.ts';
import { database } from '../../support/trpc-http.ts';

// WCAG 2.1 A/AA rules on the pages a meeting works in, as an editor (every form shown), in light
// and dark mode. The receipts task of the demo seed has evidence of each kind.
const pages = async () => {
  const db = database();
  const team = await db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug }, select: { id: true } });
  const task = await db.task.findFirstOrThrow({
    where: { teamId: team.id, archivedAt: null, evidence: { some: {} } },
    select: { id: true, projectId: true },
    orderBy: { createdAt: 'asc' },
  });
  return [
    `/teams/${team.id}/projects`,
    `/teams/${team.id}/projects/${task.projectId}`,
    `/teams/${team.id}/projects/${task.projectId}/tasks/new`,
    `/teams/${team.id}/tasks/${task.id}`,
    `/teams/${team.id}/tasks/${task.id}/edit`,
    `/teams/${team.id}/audit`,
  ];
};

for (const colorScheme of ['light', 'dark'] as const) {
  test(`team pages have no accessibility violations (${colorScheme})`, async ({ page }) => {
    test.slow();
    await signInAsDemo(page, 'editor@demo.example');
    await page.emulateMedia({ colorScheme });
    for (const path of await pages()) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
      // Closed <details> hide forms from axe; open them so every field is checked.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map(
        (v) => `${path} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      expect(summary).toEqual([]);
    }
  });
}
