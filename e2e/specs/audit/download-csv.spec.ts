import { DEMO_SECOND_TEAM, DEMO_TEAM } from '@rightsize/api/seed';
import { expect, test } from '../../support/fixtures.ts';
import { signInAsDemo } from '../../support/sign-in.ts';
import { database } from '../../support/trpc-http.ts';

const teamId = async (slug: string) =>
  (await database().team.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;

test('the audit CSV is served to members only: a member downloads it, an outsider gets 404, nobody signed in is sent to sign in', async ({
  page,
  playwright,
  baseURL,
}) => {
  const demo = await teamId(DEMO_TEAM.slug);
  const other = await teamId(DEMO_SECOND_TEAM.slug);

  const anonymous = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
  const refused = await anonymous.get(`/teams/${demo}/audit/export.csv`);
  expect(refused.status()).toBe(303);
  expect(refused.headers().location).toMatch(/^\/sign-in\?next=/);
  await anonymous.dispose();

  // The demo viewer belongs to the demo team but not to the second one.
  await signInAsDemo(page, 'viewer@demo.example');
  const own = await page.request.get(`/teams/${demo}/audit/export.csv`);
  expect(own.status()).toBe(200);
  expect(own.headers()['content-type']).toMatch(/^text\/csv/);
  expect(own.headers()['content-disposition']).toMatch(/^attachment; filename=".+-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
  const csv = await own.text();
  expect(csv.split('\n')[0]).toMatch(/^seq,/);
  expect(csv).toContain('project.created');

  const foreign = await page.request.get(`/teams/${other}/audit/export.csv`);
  expect(foreign.status()).toBe(404);
  expect(await foreign.text()).not.toContain(DEMO_SECOND_TEAM.name);
});
