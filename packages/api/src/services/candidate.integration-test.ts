import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { refusal as failure } from '../../test/refusals.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANDIDATE_SPECS,
  callerFor,
  createCandidate,
  createCascade,
  createProjectWithTask,
  createTeamWorld,
} from '../../test/factories.ts';
import { AppError } from '../errors.ts';
import { verifyChain } from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const counts = async () => ({
  candidates: await t.db.candidate.count(),
  events: await t.db.auditEvent.count(),
  versions: (await t.db.candidate.aggregate({ _sum: { version: true } }))._sum.version,
  archived: await t.db.candidate.count({ where: { archivedAt: { not: null } } }),
});

/** A team, an editor's caller, and a task with a phone SLM and a frontier API candidate. */
const setUp = async () => {
  const world = await createTeamWorld(t.db);
  const teamId = world.team.id;
  const editor = await callerFor(t.db, { user: world.members.EDITOR });
  const { project, task } = await createProjectWithTask(t.db, teamId);
  const slm = await createCandidate(t.db, { teamId, taskId: task.id });
  const api = await createCandidate(t.db, {
    teamId,
    taskId: task.id,
    name: 'GPT-4o',
    kind: 'FRONTIER_API',
    spec: CANDIDATE_SPECS.api,
  });
  return { world, teamId, editor, project, task, slm, api };
};

describe('candidates', () => {
  it('creates each kind with one audit event; deployment mirrors the spec, a cascade has neither', async () => {
    const { world, teamId, editor, task, slm, api } = await setUp();
    const before = await t.db.auditEvent.count({ where: { teamId, action: 'candidate.created' } });
    const encoder = await editor.api.candidate.create({
      teamId,
      taskId: task.id,
      kind: 'CLASSIFIER',
      name: 'ModernBERT on CPU',
      spec: CANDIDATE_SPECS.cpu,
      notes: 'Fine-tuned on **12k** labelled receipts.',
    });
    expect(encoder).toMatchObject({
      kind: 'CLASSIFIER',
      deployment: 'SELF_HOSTED',
      spec: CANDIDATE_SPECS.cpu,
      notes: 'Fine-tuned on **12k** labelled receipts.',
      smallCandidateId: null,
      largeCandidateId: null,
      escalationRate: null,
      measured: { quality: null, latency: null },
      archivedAt: null,
      version: 1,
    });
    const cascade = await editor.api.candidate.create({
      teamId,
      taskId: task.id,
      kind: 'CASCADE',
      name: 'Phone first, GPT-4o for the hard ones',
      smallCandidateId: slm.id,
      largeCandidateId: api.id,
      escalationRate: 0.12,
    });
    expect(cascade).toMatchObject({
      kind: 'CASCADE',
      deployment: null,
      spec: null,
      smallCandidateId: slm.id,
      largeCandidateId: api.id,
      escalationRate: 0.12,
    });
    expect(slm.deployment).toBe('ON_DEVICE');
    expect(api.deployment).toBe('API');

    const events = await t.db.auditEvent.findMany({
      where: { teamId, action: 'candidate.created' },
      orderBy: { seq: 'asc' },
      select: { actorId: true, entityId: true, changes: true },
    });
    expect(events.length - before).toBe(2);
    expect(events.at(-1)).toMatchObject({
      actorId: world.members.EDITOR.id,
      entityId: cascade.id,
      changes: {
        kind: { new: 'CASCADE' },
        smallCandidateId: { new: slm.id },
        largeCandidateId: { new: api.id },
        escalationRate: { new: 0.12 },
        version: { new: 1 },
      },
    });
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });

    const viewer = await callerFor(t.db, { user: world.members.VIEWER });
    expect((await viewer.api.candidate.find({ teamId, taskId: task.id })).map((c) => c.name)).toEqual([
      slm.name,
      api.name,
      encoder.name,
      cascade.name,
    ]);
    expect(await viewer.api.candidate.get({ teamId, candidateId: cascade.id })).toEqual(cascade);
  });

  it('refuses a spec the estimator cannot evaluate, naming spec, and writes nothing', async () => {
    const { teamId, editor, task } = await setUp();
    const before = await counts();
    const refused = await failure(
      editor.api.candidate.create({
        teamId,
        taskId: task.id,
        kind: 'SLM',
        name: 'An encoder as a language model',
        spec: { ...CANDIDATE_SPECS.cpu, model: { catalogId: 'modernbert-base' } },
      }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    expect(refused.fieldErrors).toHaveProperty('spec');
    expect(refused.message).toMatch(/decoder model for kind 'SLM'/);
    expect(await counts()).toEqual(before);
  });

  it('takes cascade parts only from live single models of the same task of the team', async () => {
    const { world, teamId, editor, project, task, slm, api } = await setUp();
    const other = await createProjectWithTask(t.db, teamId);
    const elsewhere = await createCandidate(t.db, { teamId, taskId: other.task.id });
    const foreign = await createProjectWithTask(t.db, world.otherTeam.id);
    const foreignCandidate = await createCandidate(t.db, { teamId: world.otherTeam.id, taskId: foreign.task.id });
    const cascade = await createCascade(t.db, {
      teamId,
      taskId: task.id,
      smallCandidateId: slm.id,
      largeCandidateId: api.id,
    });
    const retired = await createCandidate(t.db, { teamId, taskId: task.id, name: 'Retired' });
    await editor.api.candidate.archive({ teamId, candidateId: retired.id, version: 1 });
    expect(project.id).toBeTruthy();

    const attempt = (smallCandidateId: string, largeCandidateId: string) =>
      failure(
        editor.api.candidate.create({
          teamId,
          taskId: task.id,
          kind: 'CASCADE',
          name: 'Attempt',
          smallCandidateId,
          largeCandidateId,
          escalationRate: 0.1,
        }),
      );
    const before = await counts();
    const cases = [
      [await attempt(elsewhere.id, api.id), 'BAD_REQUEST', 'smallCandidateId', /another task/],
      [await attempt(slm.id, cascade.id), 'BAD_REQUEST', 'largeCandidateId', /itself a cascade/],
      [await attempt(retired.id, api.id), 'BAD_REQUEST', 'smallCandidateId', /archived/],
      [await attempt(slm.id, slm.id), 'BAD_REQUEST', 'largeCandidateId', /two different/],
      [await attempt(slm.id, foreignCandidate.id), 'NOT_FOUND', 'largeCandidateId', /not found/i],
    ] as const;
    for (const [refused, code, field, message] of cases) {
      expect(refused.code, refused.message).toBe(code);
      expect(refused.fieldErrors, refused.message).toHaveProperty(field);
      expect(refused.message).toMatch(message);
      expect(refused.message).not.toContain(world.otherTeam.id);
    }
    expect(await counts()).toEqual(before);

    // The same rules when a cascade's parts change.
    const changed = await failure(
      editor.api.candidate.update({ teamId, candidateId: cascade.id, version: 1, largeCandidateId: elsewhere.id }),
    );
    expect(changed.code).toBe('BAD_REQUEST');
    expect(changed.fieldErrors).toHaveProperty('largeCandidateId');
    const swapped = await editor.api.candidate.update({
      teamId,
      candidateId: cascade.id,
      version: 1,
      escalationRate: 0.2,
    });
    expect(swapped).toMatchObject({ escalationRate: 0.2, version: 2 });
  });

  it('updates at the current version with field diffs in the audit trail, and names who changed what when stale', async () => {
    const { world, teamId, editor, slm } = await setUp();
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    const spec = { ...CANDIDATE_SPECS.device, format: 'q8_0' as const };
    const updated = await owner.api.candidate.update({
      teamId,
      candidateId: slm.id,
      version: 1,
      name: 'Llama 3.2 3B Q8 on the phone',
      spec,
    });
    expect(updated).toMatchObject({ name: 'Llama 3.2 3B Q8 on the phone', spec, deployment: 'ON_DEVICE', version: 2 });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { teamId, entityId: slm.id, action: 'candidate.updated' },
      select: { changes: true, actorId: true },
    });
    expect(event.actorId).toBe(world.members.OWNER.id);
    expect(event.changes).toEqual({
      name: { old: 'Llama 3.2 3B on the phone', new: 'Llama 3.2 3B Q8 on the phone' },
      spec: { old: CANDIDATE_SPECS.device, new: spec },
      version: { old: 1, new: 2 },
    });

    const before = await counts();
    const stale = await failure(editor.api.candidate.update({ teamId, candidateId: slm.id, version: 1, notes: 'x' }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/OWNER of .* changed this candidate/);
    expect((stale.cause as AppError).conflict).toMatchObject({
      entityType: 'candidate',
      entityId: slm.id,
      currentVersion: 2,
      changes: [{ by: { id: world.members.OWNER.id }, action: 'candidate.updated', fields: { name: {}, spec: {} } }],
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses fields of the other shape: a spec for a cascade, parts for a single model', async () => {
    const { teamId, editor, task, slm, api } = await setUp();
    const cascade = await createCascade(t.db, {
      teamId,
      taskId: task.id,
      smallCandidateId: slm.id,
      largeCandidateId: api.id,
    });
    const specForCascade = await failure(
      editor.api.candidate.update({ teamId, candidateId: cascade.id, version: 1, spec: CANDIDATE_SPECS.api }),
    );
    expect(specForCascade.fieldErrors).toHaveProperty('spec');
    const partsForModel = await failure(
      editor.api.candidate.update({ teamId, candidateId: slm.id, version: 1, escalationRate: 0.3 }),
    );
    expect(partsForModel.code).toBe('BAD_REQUEST');
    expect(partsForModel.fieldErrors).toHaveProperty('escalationRate');
  });

  it('refuses to archive a part of a live cascade, naming the cascade; archives it once the cascade is gone', async () => {
    const { world, teamId, editor, task, slm, api } = await setUp();
    const cascade = await createCascade(t.db, {
      teamId,
      taskId: task.id,
      smallCandidateId: slm.id,
      largeCandidateId: api.id,
      name: 'Phone, then GPT-4o',
    });
    const before = await counts();
    const refused = await failure(editor.api.candidate.archive({ teamId, candidateId: api.id, version: 1 }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('"Phone, then GPT-4o"');
    expect(await counts()).toEqual(before);

    await editor.api.candidate.archive({ teamId, candidateId: cascade.id, version: 1 });
    const archived = await editor.api.candidate.archive({ teamId, candidateId: api.id, version: 1 });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.version).toBe(2);
    expect((await editor.api.candidate.find({ teamId, taskId: task.id })).map((c) => c.id)).toEqual([slm.id]);
    expect(
      (await editor.api.candidate.find({ teamId, taskId: task.id, includeArchived: true })).map((c) => c.id).sort(),
    ).toEqual([slm.id, api.id, cascade.id].sort());

    const again = await failure(editor.api.candidate.update({ teamId, candidateId: api.id, version: 2, name: 'Back' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/archived/);
    const events = await t.db.auditEvent.count({ where: { teamId, action: 'candidate.archived' } });
    expect(events).toBe(2);
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });
    expect(world.team.id).toBe(teamId);
  });

  it('refuses changes to candidates of an archived task', async () => {
    const { teamId, editor, task, slm } = await setUp();
    await editor.api.task.archive({ teamId, taskId: task.id, version: task.version });
    const before = await counts();
    const created = await failure(
      editor.api.candidate.create({ teamId, taskId: task.id, kind: 'SLM', name: 'Late', spec: CANDIDATE_SPECS.device }),
    );
    expect(created.code).toBe('CONFLICT');
    expect(created.message).toMatch(/task is archived/);
    const updated = await failure(editor.api.candidate.update({ teamId, candidateId: slm.id, version: 1, name: 'x' }));
    expect(updated.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('serialises archiving a part with creating a cascade over it: never a live cascade with an archived part', async () => {
    for (let round = 0; round < 10; round++) {
      const { teamId, editor, task, slm, api } = await setUp();
      const [archive, create] = await Promise.allSettled([
        editor.api.candidate.archive({ teamId, candidateId: api.id, version: 1 }),
        editor.api.candidate.create({
          teamId,
          taskId: task.id,
          kind: 'CASCADE',
          name: `Race ${round}`,
          smallCandidateId: slm.id,
          largeCandidateId: api.id,
          escalationRate: 0.1,
        }),
      ]);
      expect([archive.status, create.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const broken = await t.db.candidate.count({
        where: { teamId, kind: 'CASCADE', archivedAt: null, largeCandidate: { archivedAt: { not: null } } },
      });
      expect(broken).toBe(0);
    }
  });
});
