import { isCommonPassword, verifyPassword } from '@rightsize/auth';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../test/factories.ts';
import {
  DEMO_CANDIDATES,
  DEMO_CASCADE,
  DEMO_EVAL,
  DEMO_PASSWORD,
  DEMO_PROJECT,
  DEMO_TEAM,
  DEMO_USERS,
  seedDemo,
} from './seed.ts';
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
    expect(new Set(evidence.map((e) => e.kind))).toEqual(new Set(['LINK', 'NOTE', 'METRIC', 'EVAL_RUN']));
    expect(evidence.filter((e) => e.kind === 'METRIC').every((e) => (e.sampleSize ?? 0) >= 1)).toBe(true);
    const open = await api.assessment.get({ teamId: team.id, taskId: assistant.id });
    expect(open.letters[0]).toMatchObject({ verdict: 'FAIL', rationale: expect.stringMatching(/open-ended/) });

    // Written through the services, as the demo owner: the trail holds every step and verifies.
    // (The decisions are signed by other demo users: decision-export.integration-test.ts.)
    const actions = await t.db.auditEvent.groupBy({
      by: ['action', 'actorId'],
      where: { teamId: team.id, NOT: { action: { startsWith: 'decision.' } } },
      _count: true,
    });
    expect(actions.every((a) => a.actorId === owner.id)).toBe(true);
    expect(Object.fromEntries(actions.map((a) => [a.action, a._count]))).toEqual({
      'team.created': 1,
      'membership.created': 3,
      'project.created': 1,
      'task.created': 2,
      'assessment.letter_set': 6,
      'evidence.added': evidence.filter((e) => e.kind !== 'EVAL_RUN').length,
      'candidate.created': Object.keys(DEMO_CANDIDATES).length + 1,
      'evidence.imported': 1,
    });
    expect(await verifyChain({ db: t.db, teamId: team.id })).toMatchObject({ ok: true });
  });

  it('gives the receipts task candidates of every deployment and a cascade, two of them measured by an imported run', async () => {
    const team = await t.db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM.slug }, select: { id: true } });
    const viewer = await t.db.user.findUniqueOrThrow({
      where: { email: 'viewer@demo.example' },
      select: { id: true, email: true, displayName: true },
    });
    const { api } = await callerFor(t.db, { user: viewer });
    const task = (await api.task.find({ teamId: team.id })).find((x) => x.name === DEMO_PROJECT.tasks.receipts)!;
    const comparison = await api.comparison.get({ teamId: team.id, taskId: task.id });
    const byName = Object.fromEntries(comparison.candidates.map((c) => [c.name, c]));
    expect(comparison.candidates.map((c) => c.name)).toEqual([
      ...Object.values(DEMO_CANDIDATES).map((c) => c.name),
      DEMO_CASCADE.name,
    ]);
    expect(comparison.candidates.map((c) => [c.kind, c.deployment])).toEqual([
      ['CLASSIFIER', 'SELF_HOSTED'],
      ['SLM', 'ON_DEVICE'],
      ['SLM', 'SELF_HOSTED'],
      ['FRONTIER_API', 'API'],
      ['CASCADE', null],
    ]);
    expect(comparison.candidates.every((c) => c.evaluation !== null && c.problem === null)).toBe(true);

    const measured = comparison.candidates.filter((c) => c.measured.quality && c.measured.latency);
    expect(measured.map((c) => c.name)).toEqual([
      DEMO_CANDIDATES.phone.name,
      DEMO_CANDIDATES.l4.name,
      DEMO_CANDIDATES.frontier.name,
    ]);
    for (const candidate of measured) {
      expect(candidate.measured.quality!.source).toMatch(
        new RegExp(`^promptfoo run ${DEMO_EVAL.evalId}, ${DEMO_EVAL.fileName}, sha256 [0-9a-f]{12}$`),
      );
      expect(candidate.evaluation!.quality.value.basis).toBe('measured');
      expect(candidate.evaluation!.latency.p95Seconds.basis).toBe('measured');
    }

    // The story: the phone meets every budget; the others each break one.
    const phone = byName[DEMO_CANDIDATES.phone.name]!.evaluation!;
    expect([phone.cost, phone.latency, phone.memory, phone.control, phone.quality].map((a) => a.verdict)).toEqual([
      'PASS',
      'PASS',
      'PASS',
      'PASS',
      'PASS',
    ]);
    expect(byName[DEMO_CANDIDATES.frontier.name]!.evaluation!.cost.verdict).toBe('FAIL');
    expect(byName[DEMO_CANDIDATES.encoder.name]!.evaluation!.control.verdict).toBe('FAIL');
    expect(byName[DEMO_CASCADE.name]!.evaluation!.control.verdict).toBe('FAIL');
    expect(comparison.suggestions.LOCAL).toMatchObject({
      verdict: 'PASS',
      candidateIds: [byName[DEMO_CANDIDATES.phone.name]!.id],
    });
    expect(comparison.suggestions.AFFORDABLE.verdict).toBe('PASS');
    expect(comparison.suggestions.LATENCY.verdict).toBe('PASS');
  });

  it('seeds nothing when teams exist, and its password passes the sign-up policy', async () => {
    expect(await seedDemo({ db: t.db })).toEqual({ seeded: false });
    expect(isCommonPassword(DEMO_PASSWORD)).toBe(false);
  });
});
