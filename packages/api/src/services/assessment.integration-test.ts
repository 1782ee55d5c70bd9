import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { refusal as failure } from '../../test/refusals.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createProjectWithTask, createTeamWorld } from '../../test/factories.ts';
import { verifyChain } from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const setUp = async () => {
  const world = await createTeamWorld(t.db);
  const teamId = world.team.id;
  const { task } = await createProjectWithTask(t.db, teamId, world.members.OWNER.id);
  return {
    world,
    teamId,
    task,
    editor: await callerFor(t.db, { user: world.members.EDITOR }),
    viewer: await callerFor(t.db, { user: world.members.VIEWER }),
  };
};

describe('the SMALL assessment', () => {
  it('starts with five UNKNOWN letters, unassessed', async () => {
    const { teamId, task, viewer } = await setUp();
    const assessment = await viewer.api.assessment.get({ teamId, taskId: task.id });
    expect(assessment.letters.map((l) => [l.letter, l.initial, l.name, l.verdict, l.version])).toEqual([
      ['SPECIFIC', 'S', 'Specific task', 'UNKNOWN', 1],
      ['MEASURED', 'M', 'Measured quality', 'UNKNOWN', 1],
      ['AFFORDABLE', 'A', 'Affordable inference', 'UNKNOWN', 1],
      ['LATENCY', 'L', 'Low latency', 'UNKNOWN', 1],
      ['LOCAL', 'L', 'Local / control-friendly', 'UNKNOWN', 1],
    ]);
    expect(assessment.letters.every((l) => l.setBy === null && l.setAt === null && l.evidence.length === 0)).toBe(true);
    expect(assessment.reading.reading).toBe('UNASSESSED');
  });

  it('sets letters with rationales, audited, and reads the SMALL verdict from them', async () => {
    const { world, teamId, task, editor, viewer } = await setUp();
    const set = (letter: 'SPECIFIC' | 'MEASURED' | 'AFFORDABLE' | 'LATENCY' | 'LOCAL', verdict: 'PASS' | 'FAIL') =>
      editor.api.assessment.setLetter({
        teamId,
        taskId: task.id,
        letter,
        verdict,
        rationale: `${letter} ok`,
        version: 1,
      });

    expect(await set('SPECIFIC', 'PASS')).toMatchObject({ letter: 'SPECIFIC', verdict: 'PASS', version: 2 });
    await set('MEASURED', 'PASS');
    expect((await viewer.api.assessment.get({ teamId, taskId: task.id })).reading).toMatchObject({
      reading: 'GATHER_EVIDENCE',
      deciding: ['AFFORDABLE', 'LATENCY', 'LOCAL'],
    });
    await set('AFFORDABLE', 'PASS');
    await set('LATENCY', 'FAIL');
    await set('LOCAL', 'PASS');
    const assessment = await viewer.api.assessment.get({ teamId, taskId: task.id });
    expect(assessment.reading).toMatchObject({ reading: 'SMALL_WITH_GAPS', deciding: ['LATENCY'] });
    expect(assessment.reading.explanation).toContain('Low latency');
    expect(assessment.letters[0]).toMatchObject({
      verdict: 'PASS',
      rationale: 'SPECIFIC ok',
      setBy: { id: world.members.EDITOR.id, displayName: world.members.EDITOR.displayName },
      setAt: expect.any(Date),
      version: 2,
    });
    // The task's own reading agrees.
    expect((await viewer.api.task.get({ teamId, taskId: task.id })).small.reading).toBe('SMALL_WITH_GAPS');

    const letterId = (await t.db.assessmentLetter.findFirstOrThrow({ where: { taskId: task.id, letter: 'SPECIFIC' } }))
      .id;
    expect(
      await t.db.auditEvent.findMany({
        where: { teamId, entityId: letterId },
        select: { action: true, changes: true },
      }),
    ).toEqual([
      {
        action: 'assessment.letter_set',
        changes: {
          verdict: { old: 'UNKNOWN', new: 'PASS' },
          rationale: { old: '', new: 'SPECIFIC ok' },
          version: { old: 1, new: 2 },
        },
      },
    ]);
    expect(await t.db.auditEvent.count({ where: { teamId, action: 'assessment.letter_set' } })).toBe(5);

    // A stale letter version names who set it.
    const stale = await failure(
      editor.api.assessment.setLetter({ teamId, taskId: task.id, letter: 'SPECIFIC', verdict: 'FAIL', version: 1 }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect(stale.appError?.conflict).toMatchObject({
      entityType: 'assessmentLetter',
      entityId: letterId,
      currentVersion: 2,
      changes: [{ by: { id: world.members.EDITOR.id }, fields: { verdict: { old: 'UNKNOWN', new: 'PASS' } } }],
    });
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: true });
  });
});

describe('evidence', () => {
  it('adds a link, a note and a metric, removes them softly, and hides removed evidence', async () => {
    const { world, teamId, task, editor, viewer } = await setUp();
    const link = await editor.api.evidence.add({
      teamId,
      taskId: task.id,
      letter: 'MEASURED',
      kind: 'LINK',
      title: 'Labelled receipts',
      url: 'https://example.com/receipts',
    });
    const note = await editor.api.evidence.add({
      teamId,
      taskId: task.id,
      letter: 'SPECIFIC',
      kind: 'NOTE',
      title: 'Scope',
      body: '**Four fields**: vendor, date, total, tax.',
    });
    const metric = await editor.api.evidence.add({
      teamId,
      taskId: task.id,
      letter: 'MEASURED',
      kind: 'METRIC',
      metricName: 'field-level exact match',
      metricValue: 0.972,
      metricUnit: 'fraction',
      sampleSize: 2_000,
      measuredOn: '2026-03-01',
      source: 'holdout v2',
    });
    expect(link).toMatchObject({ kind: 'LINK', url: 'https://example.com/receipts', body: null, metricValue: null });
    expect(note).toMatchObject({ kind: 'NOTE', body: '**Four fields**: vendor, date, total, tax.', url: null });
    expect(metric).toMatchObject({
      kind: 'METRIC',
      title: 'field-level exact match',
      metricValue: 0.972,
      sampleSize: 2_000,
      measuredOn: '2026-03-01',
      createdBy: { id: world.members.EDITOR.id, displayName: world.members.EDITOR.displayName },
    });

    const byLetter = async () =>
      Object.fromEntries(
        (await viewer.api.assessment.get({ teamId, taskId: task.id })).letters.map((l) => [
          l.letter,
          l.evidence.map((e) => e.id),
        ]),
      );
    expect(await byLetter()).toEqual({
      SPECIFIC: [note.id],
      MEASURED: [link.id, metric.id],
      AFFORDABLE: [],
      LATENCY: [],
      LOCAL: [],
    });

    expect(await editor.api.evidence.remove({ teamId, evidenceId: link.id })).toMatchObject({
      evidenceId: link.id,
      removedAt: expect.any(Date),
    });
    expect((await byLetter()).MEASURED).toEqual([metric.id]);
    // Soft: the row stays, marked, for decisions that cited it.
    expect(await t.db.evidence.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({
      removedById: world.members.EDITOR.id,
      removedAt: expect.any(Date),
      version: 2,
    });
    expect(await failure(editor.api.evidence.remove({ teamId, evidenceId: link.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });

    const events = await t.db.auditEvent.findMany({
      where: { teamId, entityType: 'evidence' },
      select: { action: true, entityId: true, changes: true },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ['evidence.added', link.id],
      ['evidence.added', note.id],
      ['evidence.added', metric.id],
      ['evidence.removed', link.id],
    ]);
    expect(events[2]!.changes).toMatchObject({
      taskId: { new: task.id },
      letter: { new: 'MEASURED' },
      kind: { new: 'METRIC' },
      metricValue: { new: 0.972 },
      sampleSize: { new: 2_000 },
      measuredOn: { new: '2026-03-01' },
    });
    expect(events[3]!.changes).toMatchObject({ removedAt: { old: null }, version: { old: 1, new: 2 } });
  });

  it("refuses another team's evidence and evidence on archived tasks", async () => {
    const { world, teamId, task, editor } = await setUp();
    const outsider = await callerFor(t.db, { user: world.outsider });
    const theirs = await createProjectWithTask(t.db, world.otherTeam.id, world.outsider.id);
    const theirNote = await outsider.api.evidence.add({
      teamId: world.otherTeam.id,
      taskId: theirs.task.id,
      letter: 'LOCAL',
      kind: 'NOTE',
      title: 'Private',
      body: 'Their secret.',
    });
    const owner = await callerFor(t.db, { user: world.members.OWNER });
    expect(await failure(owner.api.evidence.remove({ teamId, evidenceId: theirNote.id }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await t.db.evidence.findUniqueOrThrow({ where: { id: theirNote.id } })).removedAt).toBeNull();

    const mine = await editor.api.evidence.add({
      teamId,
      taskId: task.id,
      letter: 'LOCAL',
      kind: 'NOTE',
      title: 'On device',
      body: 'Receipts stay on the phone.',
    });
    await editor.api.task.archive({ teamId, taskId: task.id, version: 1 });
    for (const call of [
      () => editor.api.evidence.remove({ teamId, evidenceId: mine.id }),
      () =>
        editor.api.evidence.add({
          teamId,
          taskId: task.id,
          letter: 'LOCAL',
          kind: 'LINK',
          title: 'x',
          url: 'https://example.com',
        }),
      () => editor.api.assessment.setLetter({ teamId, taskId: task.id, letter: 'LOCAL', verdict: 'PASS', version: 1 }),
    ]) {
      expect(await failure(call())).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/archived/) });
    }
  });
});
