// Every team mutation writes one audit event in its own transaction, and none carries a secret.
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTeamWorld, createUser, uniqueEmail } from '../../test/factories.ts';
import { verifyChain } from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const eventsOf = (teamId: string) =>
  t.db.auditEvent.findMany({
    where: { teamId },
    select: { seq: true, action: true, actorId: true, entityType: true, entityId: true, changes: true },
    orderBy: { seq: 'asc' },
  });

/** Runs `act` and returns the events it appended to the team's chain. */
const appended = async (teamId: string, act: () => Promise<unknown>) => {
  const before = (await eventsOf(teamId)).length;
  await act();
  return (await eventsOf(teamId)).slice(before);
};

const tokenOf = (link: string) => new URL(link).pathname.split('/').at(-1)!;

describe('the audit trail of team changes', () => {
  it('records team creation with its owner', async () => {
    const user = await createUser(t.db);
    const me = await callerFor(t.db, { user });
    const team = await me.api.team.create({ name: 'Audited' });
    expect(await eventsOf(team.id)).toEqual([
      {
        seq: 1,
        action: 'team.created',
        actorId: user.id,
        entityType: 'team',
        entityId: team.id,
        changes: { name: { new: 'Audited' }, slug: { new: team.slug }, owner: { new: user.id } },
      },
    ]);
  });

  it('records which pending invitation a new one to the same address replaced', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const email = uniqueEmail('twice');
    const first = await admin.api.team.invite({ teamId, email, role: 'VIEWER', capacities: [] });
    const [second] = await appended(teamId, () =>
      admin.api.team.invite({ teamId, email, role: 'EDITOR', capacities: [] }),
    );
    expect(second).toMatchObject({
      action: 'invitation.created',
      changes: { role: { new: 'EDITOR' }, replacesInvitationIds: { new: [first.invitationId] } },
    });
    expect(await t.db.invitation.count({ where: { teamId, email } })).toBe(1);
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });
  });

  it('records an invitation, its acceptance as a new membership, role changes and removal, one event each', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const email = uniqueEmail('joiner');

    let link = '';
    const [invited] = await appended(teamId, async () => {
      ({ link } = await admin.api.team.invite({ teamId, email, role: 'EDITOR', capacities: ['FINANCE'] }));
    });
    expect(invited).toMatchObject({
      action: 'invitation.created',
      actorId: world.members.ADMIN.id,
      entityType: 'invitation',
      changes: { email: { new: email }, role: { new: 'EDITOR' }, capacities: { new: ['FINANCE'] } },
    });
    // Neither the token nor its hash is in the trail.
    const text = JSON.stringify(invited);
    expect(text).not.toContain(tokenOf(link));
    expect(text).not.toMatch(/tokenHash|token/);

    const joiner = await createUser(t.db, { email });
    const joinerApi = await callerFor(t.db, { user: joiner });
    const accepted = await appended(teamId, () => joinerApi.api.team.acceptInvite({ token: tokenOf(link) }));
    expect(accepted).toEqual([
      expect.objectContaining({
        action: 'membership.created',
        actorId: joiner.id,
        entityType: 'membership',
        entityId: joiner.id,
        changes: {
          userId: { new: joiner.id },
          role: { new: 'EDITOR' },
          capacities: { new: ['FINANCE'] },
          invitationId: { new: invited!.entityId },
        },
      }),
    ]);

    const roleSet = await appended(teamId, () =>
      owner.api.team.setRole({ teamId, userId: joiner.id, role: 'VIEWER', capacities: ['FINANCE'], version: 1 }),
    );
    expect(roleSet).toEqual([
      expect.objectContaining({
        action: 'membership.updated',
        entityId: joiner.id,
        changes: { role: { old: 'EDITOR', new: 'VIEWER' }, version: { old: 1, new: 2 } },
      }),
    ]);

    const removed = await appended(teamId, () => admin.api.team.removeMember({ teamId, userId: joiner.id }));
    expect(removed).toEqual([
      expect.objectContaining({
        action: 'membership.removed',
        actorId: world.members.ADMIN.id,
        entityId: joiner.id,
        changes: { userId: { old: joiner.id }, role: { old: 'VIEWER' }, capacities: { old: ['FINANCE'] } },
      }),
    ]);
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true, events: 4 });
  });

  it('records a revoked invitation, and an existing member accepting only as the invitation used', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const { invitationId } = await admin.api.team.invite({ teamId, email: uniqueEmail('x'), role: 'VIEWER' });
    const revoked = await appended(teamId, () => admin.api.team.revokeInvite({ teamId, invitationId }));
    expect(revoked).toEqual([
      expect.objectContaining({
        action: 'invitation.revoked',
        entityId: invitationId,
        changes: expect.objectContaining({ role: { old: 'VIEWER' }, capacities: { old: [] } }),
      }),
    ]);

    const editor = world.members.EDITOR;
    const { link } = await admin.api.team.invite({ teamId, email: uniqueEmail('y'), role: 'VIEWER' });
    // Addressed to an existing member: re-point it at their address in the database.
    await t.db.invitation.updateMany({ where: { teamId, acceptedAt: null }, data: { email: editor.email } });
    const editorApi = await callerFor(t.db, { user: editor });
    const accepted = await appended(teamId, () => editorApi.api.team.acceptInvite({ token: tokenOf(link) }));
    expect(accepted).toEqual([
      expect.objectContaining({ action: 'invitation.accepted', actorId: editor.id, entityType: 'invitation' }),
    ]);
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });
  });

  it('writes nothing when a team change is refused', async () => {
    const world = await createTeamWorld(t.db);
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const refused = await appended(world.team.id, () =>
      admin.api.team.removeMember({ teamId: world.team.id, userId: world.members.OWNER.id }).catch(() => null),
    );
    expect(refused).toEqual([]);
  });
});
