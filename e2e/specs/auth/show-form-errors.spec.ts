import { expect, test } from '../../support/fixtures.ts';
import { PASSWORD, freshEmail } from '../../support/trpc-http.ts';

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('sign-up shows the problem on its field and keeps what was typed', async ({ page }) => {
      const email = freshEmail('errors');
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Your name').fill('Fran Fields');
      await page.getByLabel('Password').fill('Password1');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.locator('[data-field-error="password"]')).toHaveText(/most common/);
      await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('Email')).toHaveValue(email);
      await expect(page.getByLabel('Your name')).toHaveValue('Fran Fields');

      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page).toHaveURL(/\/teams$/);
      await expect(page.getByTestId('signed-in-as')).toHaveText('Fran Fields');
    });

    test('an address that already has an account is named on the email field', async ({ page }) => {
      await page.goto('/sign-up');
      await page.getByLabel('Email').fill('OWNER@demo.example');
      await page.getByLabel('Your name').fill('Copy Cat');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.locator('[data-field-error="email"]')).toHaveText(/already exists/);
    });
  });
}
