import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../../support/fixtures.ts';

// WCAG 2.1 A/AA rules on the pages anyone can open, in light and dark mode.
for (const colorScheme of ['light', 'dark'] as const) {
  for (const path of ['/', '/explore', '/explore?params=4e11&served=1e14&preset=phone&tpp=1875']) {
    test(`${path} has no accessibility violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      expect(summary).toEqual([]);
    });
  }
}
