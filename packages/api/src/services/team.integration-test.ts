import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTeamWorld, createUser, uniqueEmail } from '../../test/factories.ts';
import { INVITATION_LIFETIME_MS } from './team.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

const tokenOf = (link: string) => new URL(link).pathname.split('/').at(-1)!;

describe('teams', () => {
  it('makes the creator OWNER, lists my teams, and shows the team to its members only', async () => {
    const user = await createUser(t.db);
    const me = await callerFor(t.db, { user });
    const team = await me.api.team.create({ name: '  Platform  ' });
    expect(team.name).toBe('Platform');
    expect(team.slug).toMatch(/^platform-[a-z2-7]{8}$/);
    expect(await me.api.team.list()).toEqual([{ ...team, role: 'OWNER', capacities: [] }]);
    expect(await me.api.team.get({ teamId: team.id })).toMatchObject({
      name: 'Platform',
      myRole: 'OWNER',
      memberCount: 1,
    });
    const stranger = await callerFor(t.db, { user: await createUser(t.db) });
    expect(await stranger.api.team.list()).toEqual([]);
    expect(await codeOf(stranger.api.team.get({ teamId: team.id }))).toBe('NOT_FOUND');
  });
});

describe('invitations', () => {
  it('gives the inviter a single-use link, queues the mail in the outbox, and stores only a hash', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const email = uniqueEmail('invitee');
    const invited = await admin.api.team.invite({
      teamId: world.team.id,
      email,
      role: 'EDITOR',
      capacities: ['SECURITY'],
    });
    expect(invited.link).toMatch(/^http:\/\/localhost:3000\/invite\/[a-z2-7]{52}$/);
    const token = tokenOf(invited.link);

    const outbox = await t.db.emailOutbox.findMany({ where: { to: email } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ teamId: world.team.id, sentAt: null });
    expect(outbox[0]!.body).toContain(invited.link);

    const stored = await t.db.$queryRaw<
      { j: string }[]
    >`SELECT row_to_json(i)::text AS j FROM "Invitation" i WHERE email = ${email}`;
    expect(stored[0]!.j).not.toContain(token);
    expect(invited.expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITATION_LIFETIME_MS - 60_000);

    const pending = await admin.api.team.invitations({ teamId: world.team.id });
    expect(pending.map((p) => p.email)).toEqual([email]);
  });

  it('is accepted by a new user who signs up with the invited address, once', async () => {
    const world = await createTeamWorld(t.db);
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const email = uniqueEmail('newcomer');
    const { link } = await owner.api.team.invite({
      teamId: world.team.id,
      email,
      role: 'VIEWER',
      capacities: ['FINANCE'],
    });
    const token = tokenOf(link);

    const anonymous = await callerFor(t.db);
    expect(await anonymous.api.team.invitation({ token })).toMatchObject({
      teamName: world.team.name,
      email,
      role: 'VIEWER',
    });
    const { user } = await anonymous.api.auth.signUp({ email, displayName: 'Newcomer', password: 'saffron-lagoon-27' });
    const newcomer = await callerFor(t.db, { user });
    expect(await newcomer.api.team.acceptInvite({ token })).toMatchObject({ teamId: world.team.id, role: 'VIEWER' });
    expect(await newcomer.api.team.get({ teamId: world.team.id })).toMatchObject({
      myRole: 'VIEWER',
      myCapacities: ['FINANCE'],
    });

    expect(await codeOf(newcomer.api.team.acceptInvite({ token }))).toBe('NOT_FOUND');
    expect(await codeOf(anonymous.api.team.invitation({ token }))).toBe('NOT_FOUND');
  });

  it('is accepted by an existing user, and only by the invited address', async () => {
    const world = await createTeamWorld(t.db);
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const { link } = await owner.api.team.invite({
      teamId: world.team.id,
      email: world.outsider.email,
      role: 'EDITOR',
    });
    const someoneElse = await callerFor(t.db, { user: await createUser(t.db) });
    const refused = await someoneElse.api.team.acceptInvite({ token: tokenOf(link) }).catch((e: TRPCError) => e);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(world.outsider.email) });
    const outsider = await callerFor(t.db, { user: world.outsider });
    expect(await codeOf(outsider.api.team.acceptInvite({ token: tokenOf(link) }))).toBe('OK');
    expect((await outsider.api.team.list()).map((team) => team.id)).toContain(world.team.id);
  });

  it('stops working when it expires', async () => {
    const world = await createTeamWorld(t.db);
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const { link } = await owner.api.team.invite({
      teamId: world.team.id,
      email: world.outsider.email,
      role: 'EDITOR',
    });
    const later = await callerFor(t.db, {
      user: world.outsider,
      now: () => new Date(Date.now() + INVITATION_LIFETIME_MS + 1000),
    });
    expect(await codeOf(later.api.team.acceptInvite({ token: tokenOf(link) }))).toBe('NOT_FOUND');
  });

  it('replaces a pending invitation to the same address, and refuses to invite a member', async () => {
    const world = await createTeamWorld(t.db);
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const email = uniqueEmail('twice');
    const first = await owner.api.team.invite({ teamId: world.team.id, email, role: 'EDITOR' });
    await owner.api.team.invite({ teamId: world.team.id, email, role: 'VIEWER' });
    expect(await codeOf(owner.api.team.invitation({ token: tokenOf(first.link) }))).toBe('NOT_FOUND');
    expect((await owner.api.team.invitations({ teamId: world.team.id })).filter((i) => i.email === email)).toHaveLength(
      1,
    );
    const member = await owner.api.team
      .invite({ teamId: world.team.id, email: world.members.EDITOR.email, role: 'VIEWER' })
      .catch((e: TRPCError) => e);
    expect(member).toMatchObject({ code: 'CONFLICT' });
  });

  it('lets only an owner invite an owner', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    expect(await codeOf(admin.api.team.invite({ teamId: world.team.id, email: uniqueEmail(), role: 'OWNER' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(owner.api.team.invite({ teamId: world.team.id, email: uniqueEmail(), role: 'OWNER' }))).toBe(
      'OK',
    );
  });

  it('can be withdrawn by an admin', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const { invitationId, link } = await admin.api.team.invite({
      teamId: world.team.id,
      email: uniqueEmail(),
      role: 'EDITOR',
    });
    await admin.api.team.revokeInvite({ teamId: world.team.id, invitationId });
    expect(await codeOf(admin.api.team.invitation({ token: tokenOf(link) }))).toBe('NOT_FOUND');
    expect(await codeOf(admin.api.team.revokeInvite({ teamId: world.team.id, invitationId }))).toBe('NOT_FOUND');
  });
});

describe('roles and capacities', () => {
  it('changes a role and capacities, bumping the version; a stale version is a CONFLICT', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const target = world.members.EDITOR.id;
    const updated = await admin.api.team.setRole({
      teamId: world.team.id,
      userId: target,
      role: 'VIEWER',
      capacities: ['FINANCE', 'ENGINEERING', 'FINANCE'],
      version: 1,
    });
    expect(updated).toEqual({ userId: target, role: 'VIEWER', capacities: ['ENGINEERING', 'FINANCE'], version: 2 });
    const stale = await admin.api.team
      .setRole({ teamId: world.team.id, userId: target, role: 'EDITOR', capacities: [], version: 1 })
      .catch((e: TRPCError) => e);
    expect(stale).toMatchObject({ code: 'CONFLICT' });
  });

  it('lets only an owner make or change an owner', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const input = { teamId: world.team.id, capacities: [], version: 1 };
    expect(await codeOf(admin.api.team.setRole({ ...input, userId: world.members.EDITOR.id, role: 'OWNER' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(admin.api.team.setRole({ ...input, userId: world.members.OWNER.id, role: 'VIEWER' }))).toBe(
      'FORBIDDEN',
    );
  });

  it('never demotes the last owner, but lets an owner step down once there is another', async () => {
    const world = await createTeamWorld(t.db);
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const self = { teamId: world.team.id, userId: world.members.OWNER.id, capacities: [] };
    const refused = await owner.api.team.setRole({ ...self, role: 'ADMIN', version: 1 }).catch((e: TRPCError) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/at least one owner/) });
    await owner.api.team.setRole({
      teamId: world.team.id,
      userId: world.members.ADMIN.id,
      role: 'OWNER',
      capacities: [],
      version: 1,
    });
    expect(await codeOf(owner.api.team.setRole({ ...self, role: 'ADMIN', version: 1 }))).toBe('OK');
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const world = await createTeamWorld(t.db);
    await t.db.membership.update({
      where: { teamId_userId: { teamId: world.team.id, userId: world.members.ADMIN.id } },
      data: { role: 'OWNER' },
    });
    const a = await callerFor(t.db, { user: world.members.OWNER });
    const b = await callerFor(t.db, { user: world.members.ADMIN });
    const codes = await Promise.all([
      codeOf(
        a.api.team.setRole({
          teamId: world.team.id,
          userId: world.members.ADMIN.id,
          role: 'EDITOR',
          capacities: [],
          version: 1,
        }),
      ),
      codeOf(
        b.api.team.setRole({
          teamId: world.team.id,
          userId: world.members.OWNER.id,
          role: 'EDITOR',
          capacities: [],
          version: 1,
        }),
      ),
    ]);
    expect(codes.sort()).toEqual(['FORBIDDEN', 'OK']);
    expect(await t.db.membership.count({ where: { teamId: world.team.id, role: 'OWNER' } })).toBe(1);
  });
});

describe('removing members', () => {
  it("refuses a removed member's very next request, with the same session", async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    expect(await codeOf(editor.api.team.members({ teamId: world.team.id }))).toBe('OK');
    await admin.api.team.removeMember({ teamId: world.team.id, userId: world.members.EDITOR.id });
    expect(await codeOf(editor.api.team.members({ teamId: world.team.id }))).toBe('NOT_FOUND');
    expect(await codeOf(editor.api.auth.me())).toBe('OK');
  });

  it('lets any member leave, but not the last owner', async () => {
    const world = await createTeamWorld(t.db);
    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    expect(await viewer.api.team.removeMember({ teamId: world.team.id, userId: world.members.VIEWER.id })).toEqual({
      userId: world.members.VIEWER.id,
      left: true,
    });
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const refused = await owner.api.team
      .removeMember({ teamId: world.team.id, userId: world.members.OWNER.id })
      .catch((e: TRPCError) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/last owner/) });
  });

  it('lets only an owner remove an owner', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    expect(await codeOf(admin.api.team.removeMember({ teamId: world.team.id, userId: world.members.OWNER.id }))).toBe(
      'FORBIDDEN',
    );
  });
});
