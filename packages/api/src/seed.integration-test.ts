import { isCommonPassword, verifyPassword } from '@rightsize/auth';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../test/factories.ts';
import { DEMO_PASSWORD, DEMO_PROJECT, DEMO_TEAM, DEMO_USERS, seedDemo } from './seed.ts';
import { verifyChain } from './services/audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('the demo seed', () => {
  it('creates the demo team with one user in each role, all signing in with the demo password', async () => {
    expect(await seedDemo({ db: t.db })).toEqual({ seeded: true });
    const members = await t.db.membership.findMany({
      where: { team: { slug: DEMO_TEAM.slug } },
      select: { role: true, user: { select: { email: true, passwordHash: true } } },
    });
    expect(members.map((m) => m.role).sort()).toEqual(['ADMIN', 'EDITOR', 'OWNER', 'VIEWER']);
    for (const member of members) expect(await verifyPassword(member.user.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(members.map((m) => m.user.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
  });

  it('gives the demo owner a second team to switch to, with another role there', async () => {
    const teams = await t.db.membership.findMany({
      where: { user: { email: 'owner@demo.example' } },
      select: { role: true },
    });
    expect(teams.map((m) => m.role).sort()).toEqual(['EDITOR', 'OWNER']);
  });

  it('gives the demo team the receipts example, which reads SMALL, and an open-ended task that does not', async () => {
    const owner = await t.db.user.findUniqueOrThrow({
      where: { email: 'owner@demo.example' },
      select: { id: true, email: true, displayName: true },
    });
    const team = await t.db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug }, select: { id: true } });
    const viewer = await t.db.user.findUniqueOrThrow({
      where: { email: 'viewer@demo.example' },
      select: { id: true, email: true, displayName: true },
    });
    const { api } = await callerFor(t.db, { user: viewer });
    const [project, ...others] = await api.project.find({ teamId: team.id });
    expect(others).toEqual([]);
    expect(project).toMatchObject({ name: DEMO_PROJECT.name, taskCount: 2 });

    const tasks = await api.task.find({ teamId: team.id, projectId: project!.id });
    const byName = Object.fromEntries(tasks.map((task) => [task.name, task]));
    const receipts = byName[DEMO_PROJECT.tasks.receipts]!;
    expect(receipts).toMatchObject({ monthlyRequests: 3_000_000, locality: 'ON_DEVICE', small: { reading: 'SMALL' } });
    expect(receipts.latencyP99Ms).toBeGreaterThanOrEqual(receipts.latencyP95Ms);
    const assistant = byName[DEMO_PROJECT.tasks.assistant]!;
    expect(assistant.small).toMatchObject({ reading: 'NOT_SMALL', deciding: ['SPECIFIC'] });

    const assessment = await api.assessment.get({ teamId: team.id, taskId: receipts.id });
    expect(assessment.letters.every((l) => l.verdict === 'PASS' && l.rationale.length > 20)).toBe(true);
    expect(assessment.letters.every((l) => l.setBy?.id === owner.id && l.evidence.length > 0)).toBe(true);
    const evidence = assessment.letters.flatMap((l) => l.evidence);
    expect(new Set(evidence.map((e) => e.kind))).toEqual(new Set(['LINK', 'NOTE', 'METRIC']));
    expect(evidence.filter((e) => e.kind === 'METRIC').every((e) => (e.sampleSize ?? 0) >= 1)).toBe(true);
    const open = await api.assessment.get({ teamId: team.id, taskId: assistant.id });
    expect(open.letters[0]).toMatchObject({ verdict: 'FAIL', rationale: expect.stringMatching(/open-ended/) });

    // Written through the services, as the demo owner: the trail holds every step and verifies.
    const actions = await t.db.auditEvent.groupBy({
      by: ['action', 'actorId'],
      where: { teamId: team.id },
      _count: true,
    });
    expect(actions.every((a) => a.actorId === owner.id)).toBe(true);
    expect(Object.fromEntries(actions.map((a) => [a.action, a._count]))).toEqual({
      'team.created': 1,
      'membership.created': 3,
      'project.created': 1,
      'task.created': 2,
      'assessment.letter_set': 6,
      'evidence.added': evidence.length,
    });
    expect(await verifyChain({ db: t.db, teamId: team.id })).toMatchObject({ ok: true });
  });

  it('seeds nothing when teams exist, and its password passes the sign-up policy', async () => {
    expect(await seedDemo({ db: t.db })).toEqual({ seeded: false });
    expect(isCommonPassword(DEMO_PASSWORD)).toBe(false);
  });
});
