import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { refusal as failure } from '../../test/refusals.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTeamWorld } from '../../test/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const auditOf = (teamId: string, entityId: string) =>
  t.db.auditEvent.findMany({
    where: { teamId, entityId },
    select: { action: true, actorId: true, changes: true },
    orderBy: { seq: 'asc' },
  });

describe('projects', () => {
  it('creates, lists, reads, renames and archives a project, one audit event each', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const viewer = await callerFor(t.db, { user: world.members.VIEWER });

    const project = await editor.api.project.create({ teamId, name: ' Finance app ', description: 'Receipts.' });
    expect(project).toMatchObject({ name: 'Finance app', description: 'Receipts.', version: 1, archivedAt: null });
    expect(await viewer.api.project.find({ teamId })).toEqual([{ ...project, taskCount: 0 }]);
    expect(await viewer.api.project.get({ teamId, projectId: project.id })).toEqual({ ...project, taskCount: 0 });

    const renamed = await editor.api.project.update({ teamId, projectId: project.id, version: 1, name: 'Finance' });
    expect(renamed).toMatchObject({ name: 'Finance', description: 'Receipts.', version: 2 });

    const archived = await editor.api.project.archive({ teamId, projectId: project.id, version: 2 });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await viewer.api.project.find({ teamId })).toEqual([]);
    expect((await viewer.api.project.find({ teamId, includeArchived: true })).map((p) => p.id)).toEqual([project.id]);

    expect(await auditOf(teamId, project.id)).toEqual([
      {
        action: 'project.created',
        actorId: world.members.EDITOR.id,
        changes: { name: { new: 'Finance app' }, description: { new: 'Receipts.' }, version: { new: 1 } },
      },
      {
        action: 'project.updated',
        actorId: world.members.EDITOR.id,
        changes: { name: { old: 'Finance app', new: 'Finance' }, version: { old: 1, new: 2 } },
      },
      {
        action: 'project.archived',
        actorId: world.members.EDITOR.id,
        changes: { archivedAt: { old: null, new: archived.archivedAt!.toISOString() }, version: { old: 2, new: 3 } },
      },
    ]);
  });

  it('refuses a stale version, naming who changed the project, and changes to an archived project', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const admin = await callerFor(t.db, { user: world.members.ADMIN });
    const project = await editor.api.project.create({ teamId, name: 'Search' });
    await admin.api.project.update({ teamId, projectId: project.id, version: 1, description: 'Ranking.' });

    const stale = await failure(editor.api.project.update({ teamId, projectId: project.id, version: 1, name: 'X' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain(world.members.ADMIN.displayName);
    expect(stale.appError?.conflict).toMatchObject({
      entityType: 'project',
      entityId: project.id,
      currentVersion: 2,
      changes: [{ by: { id: world.members.ADMIN.id }, fields: { description: { old: '', new: 'Ranking.' } } }],
    });

    await editor.api.project.archive({ teamId, projectId: project.id, version: 2 });
    const archived = await failure(editor.api.project.update({ teamId, projectId: project.id, version: 3, name: 'Y' }));
    expect(archived).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/archived/) });
    expect((await t.db.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe('Search');
  });

  it("answers NOT_FOUND for another team's project, with nothing of it in the message", async () => {
    const world = await createTeamWorld(t.db);
    const outsider = await callerFor(t.db, { user: world.outsider });
    const theirs = await outsider.api.project.create({ teamId: world.otherTeam.id, name: 'Their secret project' });
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    for (const call of [
      () => owner.api.project.get({ teamId: world.team.id, projectId: theirs.id }),
      () => owner.api.project.update({ teamId: world.team.id, projectId: theirs.id, version: 1, name: 'Mine now' }),
      () => owner.api.project.archive({ teamId: world.team.id, projectId: theirs.id, version: 1 }),
    ]) {
      const refused = await failure(call());
      expect(refused.code).toBe('NOT_FOUND');
      expect(refused.message).not.toContain('secret');
    }
    expect(await t.db.project.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      name: 'Their secret project',
      version: 1,
      archivedAt: null,
    });
  });
});
