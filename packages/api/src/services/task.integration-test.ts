import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { refusal as failure } from '../../test/refusals.ts';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TASK_BUDGETS,
  callerFor,
  createProject,
  createProjectWithTask,
  createTask,
  createTeamWorld,
  createUser,
} from '../../test/factories.ts';
import { AppError } from '../errors.ts';
import { verifyChain } from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const counts = async () => ({
  tasks: await t.db.task.count(),
  letters: await t.db.assessmentLetter.count(),
  events: await t.db.auditEvent.count(),
  taskVersions: (await t.db.task.aggregate({ _sum: { version: true } }))._sum.version,
});

const taskUpdates = (teamId: string, taskId: string) =>
  t.db.auditEvent.count({ where: { teamId, entityType: 'task', entityId: taskId, action: 'task.updated' } });

describe('tasks', () => {
  it('creates a task with its five UNKNOWN letters and one audit event, and reads it back', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const project = await createProject(t.db, { teamId });
    const before = await t.db.auditEvent.count({ where: { teamId } });

    const task = await editor.api.task.create({
      teamId,
      projectId: project.id,
      ...TASK_BUDGETS,
      streaming: true,
      ttftMs: 300,
      locality: 'ON_DEVICE',
      jurisdictions: ['UK', 'EU', 'UK'],
      targetDevice: 'apple-a17-pro',
      monthlyBudgetUsd: 500,
    });
    expect(task).toMatchObject({
      projectId: project.id,
      project: { id: project.id, name: project.name, archivedAt: null },
      inputTokensP95: 800,
      outputTokensP95: 60,
      jurisdictions: ['EU', 'UK'],
      version: 1,
      small: { reading: 'UNASSESSED', deciding: ['SPECIFIC', 'MEASURED'] },
    });
    expect(await t.db.assessmentLetter.count({ where: { taskId: task.id, verdict: 'UNKNOWN' } })).toBe(5);
    const events = await t.db.auditEvent.findMany({ where: { teamId, seq: { gt: before } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'task.created', entityType: 'task', entityId: task.id });
    expect(events[0]!.changes).toMatchObject({ monthlyRequests: { new: 3_000_000 }, locality: { new: 'ON_DEVICE' } });

    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    expect(await viewer.api.task.get({ teamId, taskId: task.id })).toEqual(task);
    expect(await viewer.api.task.find({ teamId, projectId: project.id })).toEqual([task]);
  });

  it('lets exactly one of two editors win each round of 50 with the same version, losing nothing', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const second = await createUser(t.db, { displayName: 'Second editor' });
    await t.db.membership.create({ data: { teamId, userId: second.id, role: 'EDITOR' } });
    const editors = [
      { user: world.members.EDITOR, caller: await callerFor(t.db, { user: world.members.EDITOR }) },
      { user: second, caller: await callerFor(t.db, { user: second }) },
    ];
    const { task } = await createProjectWithTask(t.db, teamId, world.members.OWNER.id);

    let lastWinningValue = task.monthlyRequests;
    let successes = 0;
    for (let round = 0; round < 50; round++) {
      const version = round + 1;
      const values = editors.map((_, i) => 1_000_000 + round * 10 + i);
      const results = await Promise.allSettled(
        editors.map(({ caller }, i) =>
          caller.api.task.update({ teamId, taskId: task.id, version, monthlyRequests: values[i] }),
        ),
      );
      const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
      expect(won, `round ${round}`).toHaveLength(1);
      const winner = won[0]!;
      const loser = results[1 - winner]!;
      expect(loser.status).toBe('rejected');
      const error = (loser as PromiseRejectedResult).reason as TRPCError;
      expect(error.code, `round ${round}: ${error.message}`).toBe('CONFLICT');
      const conflict = (error.cause as AppError).conflict!;
      expect(conflict.currentVersion).toBe(version + 1);
      expect(conflict.changes).toEqual([
        expect.objectContaining({
          by: { id: editors[winner]!.user.id, displayName: editors[winner]!.user.displayName },
          fields: { monthlyRequests: { old: lastWinningValue, new: values[winner] } },
        }),
      ]);
      lastWinningValue = values[winner]!;
      successes += 1;
    }

    const final = await t.db.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(final.monthlyRequests).toBe(lastWinningValue);
    expect(final.version).toBe(51);
    expect(await taskUpdates(teamId, task.id)).toBe(successes);
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });
  });

  it('leaves neither the change nor its audit event when the transaction fails after the write', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const { task } = await createProjectWithTask(t.db, teamId);
    const owner = t.owner();
    // Fails the audit insert of this task's update only, after the task row has been written.
    await owner.$executeRawUnsafe(`
      CREATE FUNCTION "test_fail_task_update"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'task.updated' AND NEW."entityId" = '${task.id}' THEN
          RAISE EXCEPTION 'injected failure after the business write';
        END IF;
        RETURN NEW;
      END;
      $$`);
    await owner.$executeRawUnsafe(`
      CREATE TRIGGER "test_fail_task_update" BEFORE INSERT ON "AuditEvent"
      FOR EACH ROW EXECUTE FUNCTION "test_fail_task_update"()`);
    try {
      const before = await t.db.task.findUniqueOrThrow({ where: { id: task.id } });
      const eventsBefore = await t.db.auditEvent.count({ where: { teamId } });
      const headBefore = await t.db.auditChainHead.findUniqueOrThrow({ where: { teamId } });
      const editor = await callerFor(t.db, { user: world.members.EDITOR });
      const refused = await failure(
        editor.api.task.update({ teamId, taskId: task.id, version: 1, monthlyRequests: 9_999_999, name: 'Changed' }),
      );
      expect(refused.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await t.db.task.findUniqueOrThrow({ where: { id: task.id } })).toEqual(before);
      expect(await t.db.auditEvent.count({ where: { teamId } })).toBe(eventsBefore);
      expect(await t.db.auditChainHead.findUniqueOrThrow({ where: { teamId } })).toEqual(headBefore);
    } finally {
      await owner.$executeRawUnsafe(`DROP TRIGGER "test_fail_task_update" ON "AuditEvent"`);
      await owner.$executeRawUnsafe(`DROP FUNCTION "test_fail_task_update"()`);
    }
    // Without the trigger the same change goes through.
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    expect(
      await editor.api.task.update({ teamId, taskId: task.id, version: 1, monthlyRequests: 9_999_999 }),
    ).toMatchObject({ version: 2, monthlyRequests: 9_999_999 });
  });

  it.each([
    ['monthlyRequests', { monthlyRequests: -1 }],
    ['latencyP99Ms', { latencyP95Ms: 800, latencyP99Ms: 500 }],
    ['locality', { locality: 'ON_THE_MOON' }],
    ['description', { description: 'x'.repeat(1_000_000) }],
  ])('refuses a bad %s with BAD_REQUEST naming it, writing nothing', async (field, change) => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const { project, task } = await createProjectWithTask(t.db, teamId);
    const before = await counts();

    const created = await failure(
      editor.api.task.create({ teamId, projectId: project.id, ...TASK_BUDGETS, ...change } as never),
    );
    expect(created.code).toBe('BAD_REQUEST');
    expect(Object.keys(created.fieldErrors)).toEqual([field]);
    const updated = await failure(editor.api.task.update({ teamId, taskId: task.id, version: 1, ...change } as never));
    expect(updated.code).toBe('BAD_REQUEST');
    expect(Object.keys(updated.fieldErrors)).toEqual([field]);
    expect(await counts()).toEqual(before);
  });

  it('checks the rules between fields on the stored task with the patch applied', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const { task } = await createProjectWithTask(t.db, teamId); // p95 800 ms, p99 1,500 ms, not streamed
    const before = await counts();
    for (const [patch, field] of [
      [{ latencyP99Ms: 500 }, 'latencyP99Ms'],
      [{ ttftMs: 200 }, 'ttftMs'],
      [{ inputTokensP95: 10 }, 'inputTokensP95'],
    ] as const) {
      const refused = await failure(editor.api.task.update({ teamId, taskId: task.id, version: 1, ...patch }));
      expect(refused.code, JSON.stringify(patch)).toBe('BAD_REQUEST');
      expect(Object.keys(refused.fieldErrors)).toEqual([field]);
      expect(refused.message).toMatch(/at least|streamed/);
    }
    expect(await counts()).toEqual(before);
    // Both sides of a rule in one patch: fine.
    expect(
      await editor.api.task.update({ teamId, taskId: task.id, version: 1, streaming: true, ttftMs: 200 }),
    ).toMatchObject({ streaming: true, ttftMs: 200, version: 2 });
  });

  it('names who changed what and when on a stale version', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const alice = await callerFor(t.db, { user: world.members.EDITOR });
    const bob = await callerFor(t.db, { user: world.members.ADMIN });
    const { task } = await createProjectWithTask(t.db, teamId);
    await alice.api.task.update({ teamId, taskId: task.id, version: 1, monthlyRequests: 1_000_000 });
    await alice.api.task.update({
      teamId,
      taskId: task.id,
      version: 2,
      monthlyRequests: 2_000_000,
      locality: 'ON_PREM',
    });

    const stale = await failure(bob.api.task.update({ teamId, taskId: task.id, version: 2, name: 'Mine' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain(world.members.EDITOR.displayName);
    expect(stale.message).toContain('version 2');
    const conflict = (stale.cause as AppError).conflict!;
    expect(conflict).toEqual({
      entityType: 'task',
      entityId: task.id,
      currentVersion: 3,
      changes: [
        {
          by: { id: world.members.EDITOR.id, displayName: world.members.EDITOR.displayName },
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          action: 'task.updated',
          fields: { monthlyRequests: { old: 1_000_000, new: 2_000_000 }, locality: { old: 'ANY', new: 'ON_PREM' } },
        },
      ],
    });
    // From an older version, both changes, oldest first.
    const older = await failure(bob.api.task.update({ teamId, taskId: task.id, version: 1, name: 'Mine' }));
    expect((older.cause as AppError).conflict!.changes.map((c) => c.fields.monthlyRequests)).toEqual([
      { old: 3_000_000, new: 1_000_000 },
      { old: 1_000_000, new: 2_000_000 },
    ]);
    expect((await t.db.task.findUniqueOrThrow({ where: { id: task.id } })).name).toBe(TASK_BUDGETS.name);
  });

  it('hides archived tasks and tasks of archived projects from find, and refuses changes to them', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const editor = await callerFor(t.db, { user: world.members.EDITOR });
    const project = await createProject(t.db, { teamId });
    const kept = await createTask(t.db, { teamId, projectId: project.id, name: 'Kept' });
    const gone = await createTask(t.db, { teamId, projectId: project.id, name: 'Gone' });

    const archived = await editor.api.task.archive({ teamId, taskId: gone.id, version: 1 });
    expect(archived).toMatchObject({ version: 2, archivedAt: expect.any(Date) });
    expect((await editor.api.task.find({ teamId })).map((x) => x.name)).toEqual(['Kept']);
    expect((await editor.api.task.find({ teamId, includeArchived: true })).map((x) => x.name)).toEqual([
      'Gone',
      'Kept',
    ]);
    expect(await editor.api.task.get({ teamId, taskId: gone.id })).toMatchObject({ name: 'Gone' });
    expect(await failure(editor.api.task.update({ teamId, taskId: gone.id, version: 2, name: 'Back' }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/archived/),
    });
    expect(
      await t.db.auditEvent.findFirst({
        where: { entityId: gone.id, action: 'task.archived' },
        select: { changes: true },
      }),
    ).toMatchObject({ changes: { archivedAt: { old: null }, version: { old: 1, new: 2 } } });

    await editor.api.project.archive({ teamId, projectId: project.id, version: 1 });
    expect(await editor.api.task.find({ teamId })).toEqual([]);
    expect((await editor.api.task.find({ teamId, projectId: project.id, includeArchived: true })).length).toBe(2);
    const refused = await failure(
      editor.api.task.create({ teamId, projectId: project.id, ...TASK_BUDGETS, name: 'Too late' }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/archived/);
    // A task can move out of an archived project, not into one.
    const open = await createProject(t.db, { teamId, name: 'Open' });
    const rescued = await editor.api.task.update({ teamId, taskId: kept.id, version: 1, projectId: open.id });
    expect(rescued.project).toMatchObject({ id: open.id, name: 'Open' });
    const back = await failure(editor.api.task.update({ teamId, taskId: kept.id, version: 2, projectId: project.id }));
    expect(back).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/archived/) });
  });
});

describe('tenant isolation', () => {
  it('refuses every mix of ids across teams with a NOT_FOUND that names nothing of the other team', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const mine = await createProjectWithTask(t.db, teamId);
    const theirs = await createProjectWithTask(t.db, world.otherTeam.id, world.outsider.id);
    await t.db.task.update({ where: { id: theirs.task.id }, data: { name: 'Their secret task' } });
    const before = await counts();

    const calls = {
      'their task with my project': () =>
        owner.api.task.update({
          teamId,
          taskId: theirs.task.id,
          version: 1,
          projectId: mine.project.id,
        }),
      'my task into their project': () =>
        owner.api.task.update({
          teamId,
          taskId: mine.task.id,
          version: 1,
          projectId: theirs.project.id,
        }),
      'a task in their project': () => owner.api.task.create({ teamId, projectId: theirs.project.id, ...TASK_BUDGETS }),
      'their task': () => owner.api.task.get({ teamId, taskId: theirs.task.id }),
      'their project’s tasks': () => owner.api.task.find({ teamId, projectId: theirs.project.id }),
      'their assessment': () => owner.api.assessment.get({ teamId, taskId: theirs.task.id }),
      'evidence on their task': () =>
        owner.api.evidence.add({
          teamId,
          taskId: theirs.task.id,
          letter: 'SPECIFIC',
          kind: 'LINK',
          title: 'x',
          url: 'https://example.com',
        }),
      'a letter of their task': () =>
        owner.api.assessment.setLetter({
          teamId,
          taskId: theirs.task.id,
          letter: 'SPECIFIC',
          verdict: 'FAIL',
          version: 1,
        }),
    };
    for (const [label, call] of Object.entries(calls)) {
      const refused = await failure(call());
      expect(refused.code, label).toBe('NOT_FOUND');
      expect(refused.message, label).not.toMatch(/secret|Other team/);
    }
    expect(await counts()).toEqual(before);
    expect(await t.db.task.findUniqueOrThrow({ where: { id: theirs.task.id } })).toMatchObject({
      projectId: theirs.project.id,
      version: 1,
    });
  });
});
