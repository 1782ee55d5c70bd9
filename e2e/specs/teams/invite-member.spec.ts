import { expect, test } from '../../support/fixtures.ts';
import { PASSWORD, freshEmail, originOf, type TrpcError } from '../../support/trpc-http.ts';

test('an owner invites a viewer, who joins from a second browser and cannot change roles', async ({
  browser,
  baseURL,
}) => {
  // Two browsers, three sign-ups' worth of argon2 hashing: triple the default time on a busy machine.
  test.slow();
  const ownerEmail = freshEmail('owner');
  const viewerEmail = freshEmail('viewer');
  const teamName = `Inference ${Date.now().toString(36)}`;

  // The owner signs up and creates a team.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await owner.goto('/sign-up');
  await owner.getByLabel('Email').fill(ownerEmail);
  await owner.getByLabel('Your name').fill('Olga Owner');
  await owner.getByLabel('Password').fill(PASSWORD);
  await owner.getByRole('button', { name: 'Create account' }).click();
  await expect(owner).toHaveURL(/\/teams$/);
  await owner.getByLabel('Team name').fill(teamName);
  await owner.getByRole('button', { name: 'Create team' }).click();
  await expect(owner.getByRole('heading', { level: 1 })).toHaveText(teamName);
  await expect(owner.getByTestId('my-role')).toContainText('owner');
  await expect(owner.getByTestId('team-switcher')).toContainText(teamName);

  // …and invites a second person as a viewer with the finance capacity.
  await owner.getByLabel('Email', { exact: true }).fill(viewerEmail);
  await owner.getByRole('combobox', { name: 'Role' }).last().selectOption('VIEWER');
  await owner.getByRole('group', { name: 'Sign-off capacities' }).getByLabel('Finance').check();
  await owner.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await owner.getByTestId('invite-link').inputValue();
  expect(link).toMatch(/\/invite\/[a-z2-7]{52}$/);
  await expect(owner.getByRole('list', { name: 'Pending invitations' })).toContainText(viewerEmail);

  // The invitee opens the link in another browser, creates an account and accepts.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await viewer.goto(link);
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(`Join ${teamName}`);
  await expect(viewer.getByLabel('Email')).toHaveValue(viewerEmail);
  await viewer.getByLabel('Your name').fill('Vera Viewer');
  await viewer.getByLabel('Password').fill(PASSWORD);
  await viewer.getByRole('button', { name: 'Create account' }).click();
  await viewer.getByRole('button', { name: `Accept and join ${teamName}` }).click();
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText(teamName);
  await expect(viewer.getByTestId('my-role')).toContainText('viewer');

  // The viewer sees the members but no control to change anyone's role…
  const members = viewer.getByRole('list', { name: 'Members' });
  await expect(members.getByTestId('member')).toHaveCount(2);
  await expect(viewer.getByRole('combobox')).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Remove from team' })).toHaveCount(0);
  await expect(viewer.getByRole('heading', { name: 'Invite someone' })).toHaveCount(0);

  // …and the server refuses the call the hidden control would have made.
  const teamId = new URL(viewer.url()).pathname.split('/')[2]!;
  const ownerMember = await viewer.request.get(
    `/api/trpc/team.members?input=${encodeURIComponent(JSON.stringify({ teamId }))}`,
  );
  const list = (await ownerMember.json()).result.data as { userId: string; email: string; version: number }[];
  const target = list.find((m) => m.email === ownerEmail)!;
  const refused = await viewer.request.post('/api/trpc/team.setRole', {
    data: { teamId, userId: target.userId, role: 'VIEWER', capacities: [], version: target.version },
    headers: { origin: originOf(baseURL) },
  });
  expect(refused.status()).toBe(403);
  const body = (await refused.json()) as TrpcError;
  expect(body.error.data.code).toBe('FORBIDDEN');
  expect(body.error.message).toMatch(/VIEWER/);
  // The form action, posted by hand, is refused the same way.
  const form = await viewer.request.post(`/teams/${teamId}/settings?/setRole`, {
    form: { userId: target.userId, role: 'VIEWER', version: String(target.version) },
    headers: { origin: originOf(baseURL) },
  });
  expect(form.status()).toBe(403);

  // The owner now lists the new member as a viewer with the finance capacity; the link is used up.
  await owner.reload();
  const row = owner.getByTestId('member').filter({ hasText: viewerEmail });
  await expect(row.getByRole('combobox', { name: /Role of/ })).toHaveValue('VIEWER');
  await expect(row.getByLabel('Finance')).toBeChecked();
  await expect(owner.getByRole('list', { name: 'Pending invitations' })).toHaveCount(0);
  const reused = await (await browser.newContext()).newPage();
  await reused.goto(link);
  await expect(reused.getByRole('heading', { level: 1 })).toHaveText('This invitation link does not work');

  await ownerContext.close();
  await viewerContext.close();
});

test('the owner changes a role and capacities, and a removed member is refused on the next request', async ({
  browser,
}) => {
  test.slow();
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await owner.goto('/sign-up');
  await owner.getByLabel('Email').fill(freshEmail('boss'));
  await owner.getByLabel('Your name').fill('Bo Boss');
  await owner.getByLabel('Password').fill(PASSWORD);
  await owner.getByRole('button', { name: 'Create account' }).click();
  await owner.getByLabel('Team name').fill('Rota');
  await owner.getByRole('button', { name: 'Create team' }).click();
  const editorEmail = freshEmail('editor');
  await owner.getByLabel('Email', { exact: true }).fill(editorEmail);
  await owner.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await owner.getByTestId('invite-link').inputValue();

  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto(link);
  await member.getByLabel('Your name').fill('Ed Editor');
  await member.getByLabel('Password').fill(PASSWORD);
  await member.getByRole('button', { name: 'Create account' }).click();
  await member.getByRole('button', { name: /Accept and join/ }).click();
  await expect(member.getByTestId('my-role')).toContainText('editor');

  await owner.reload();
  const row = owner.getByTestId('member').filter({ hasText: editorEmail });
  await row.getByRole('combobox', { name: /Role of/ }).selectOption('ADMIN');
  await row.getByLabel('Security').check();
  // Let the enhanced form's POST finish before reloading (a reload would cancel it).
  await Promise.all([
    owner.waitForResponse((r) => r.url().includes('?/setRole') && r.request().method() === 'POST'),
    row.getByRole('button', { name: 'Save' }).click(),
  ]);
  await owner.reload();
  await expect(row.getByRole('combobox', { name: /Role of/ })).toHaveValue('ADMIN');
  await expect(row.getByLabel('Security')).toBeChecked();

  await row.getByRole('button', { name: 'Remove from team' }).click();
  await expect(owner.getByTestId('member').filter({ hasText: editorEmail })).toHaveCount(0);
  // Still signed in, but the team is gone for them at once.
  const response = await member.reload();
  expect(response?.status()).toBe(404);

  await ownerContext.close();
  await memberContext.close();
});
