import {
  dominated,
  ESTIMATOR_VERSION,
  evaluateCandidate,
  evaluateCascade,
  radarScores,
  type CandidateSpec,
  type Measured,
  type TaskBudgets,
} from '@rightsize/core';
import { createDb, type Db } from '@rightsize/db';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANDIDATE_SPECS,
  callerFor,
  createCandidate,
  createCascade,
  createProject,
  createTask,
  createTeamWorld,
} from '../../test/factories.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

/** The receipts task's budgets as the form takes them (milliseconds, bytes, USD a month). */
const RECEIPTS = {
  name: 'Read receipts',
  monthlyRequests: 3_000_000,
  monthlyGrowth: 0.04,
  inputTokens: 450,
  inputTokensP95: 1_100,
  outputTokens: 40,
  outputTokensP95: 70,
  latencyP95Ms: 800,
  latencyP99Ms: 1_500,
  targetDevice: 'mid-tier-android',
  memoryBudgetBytes: 3e9,
  locality: 'ON_DEVICE',
  jurisdictions: ['EU', 'UK'],
  monthlyBudgetUsd: 2_000,
  qualityMetric: 'field-level exact match',
  qualityBar: 0.97,
} as const;

/** The same budgets as the estimator takes them, written out by hand (seconds), not converted by the server. */
const RECEIPTS_BUDGETS: TaskBudgets = {
  monthlyRequests: 3_000_000,
  monthlyGrowth: 0.04,
  inputTokens: 450,
  outputTokens: 40,
  inputTokensP95: 1_100,
  outputTokensP95: 70,
  latencyP95Seconds: 0.8,
  latencyP99Seconds: 1.5,
  streaming: false,
  ttftSeconds: null,
  targetDeviceId: 'mid-tier-android',
  memoryBudgetBytes: 3e9,
  locality: 'ON_DEVICE',
  jurisdictions: ['EU', 'UK'],
  monthlyBudgetUsd: 2_000,
  qualityBar: 0.97,
  qualityHigherBetter: true,
};

const receiptsTask = async (teamId: string) => {
  const project = await createProject(t.db, { teamId });
  return createTask(t.db, { teamId, projectId: project.id, ...RECEIPTS, jurisdictions: [...RECEIPTS.jurisdictions] });
};

/** Measured figures written as an import writes them (milliseconds), and the same as the estimator reads them. */
const measure = async (
  id: string,
  quality: number,
  latencyMs?: { p50: number; p95: number; p99: number },
): Promise<Measured> => {
  await t.db.candidate.update({
    where: { id },
    data: {
      measuredQuality: quality,
      measuredQualityMetric: 'pass rate (demo)',
      measuredQualitySamples: 400,
      measuredQualitySource: 'promptfoo run demo, results.json, sha256 000000000000',
      ...(latencyMs
        ? {
            measuredP50Ms: latencyMs.p50,
            measuredP95Ms: latencyMs.p95,
            measuredP99Ms: latencyMs.p99,
            measuredLatencySamples: 390,
            measuredLatencySource: 'promptfoo run demo, results.json, sha256 000000000000',
          }
        : {}),
    },
  });
  return {
    quality: {
      value: quality,
      source: 'promptfoo run demo, results.json, sha256 000000000000',
      sampleSize: 400,
    },
    ...(latencyMs
      ? {
          latency: {
            p50Seconds: latencyMs.p50 / 1000,
            p95Seconds: latencyMs.p95 / 1000,
            p99Seconds: latencyMs.p99 / 1000,
            samples: 390,
            source: 'promptfoo run demo, results.json, sha256 000000000000',
          },
        }
      : {}),
  };
};

describe('comparison.get', () => {
  it("returns the core's own figures for every kind, a cascade included, with measured figures applied", async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const task = await receiptsTask(teamId);
    const of = (name: string, kind: 'CLASSIFIER' | 'SLM' | 'FRONTIER_API', spec: CandidateSpec) =>
      createCandidate(t.db, { teamId, taskId: task.id, name, kind, spec: spec as never }).then((c) => ({
        ...c,
        kind,
        spec,
      }));
    const encoder = await of('ModernBERT on CPU', 'CLASSIFIER', CANDIDATE_SPECS.cpu);
    const phone = await of('Llama 3.2 3B on the phone', 'SLM', CANDIDATE_SPECS.device);
    const l4 = await of('Llama 3.1 8B on one L4', 'SLM', CANDIDATE_SPECS.gpu);
    const gpt = await of('GPT-4o', 'FRONTIER_API', CANDIDATE_SPECS.api);
    const cascade = await createCascade(t.db, {
      teamId,
      taskId: task.id,
      smallCandidateId: phone.id,
      largeCandidateId: gpt.id,
      escalationRate: 0.12,
    });
    const measured: Record<string, Measured> = {
      [phone.id]: await measure(phone.id, 0.972, { p50: 410, p95: 640, p99: 910 }),
      [gpt.id]: await measure(gpt.id, 0.985, { p50: 900, p95: 1_400, p99: 2_100 }),
      [l4.id]: await measure(l4.id, 0.97),
      [cascade.id]: await measure(cascade.id, 0.981),
    };

    const { api } = await callerFor(t.db, { user: world.members.VIEWER });
    const comparison = await api.comparison.get({ teamId, taskId: task.id });

    const direct = new Map(
      [encoder, phone, l4, gpt].map((c) => [
        c.id,
        evaluateCandidate({ task: RECEIPTS_BUDGETS, kind: c.kind, spec: c.spec, measured: measured[c.id] }),
      ]),
    );
    direct.set(
      cascade.id,
      evaluateCascade({
        task: RECEIPTS_BUDGETS,
        small: direct.get(phone.id)!,
        large: direct.get(gpt.id)!,
        escalationRate: 0.12,
        measured: measured[cascade.id],
      }),
    );

    expect(comparison.budgets).toEqual(RECEIPTS_BUDGETS);
    expect(comparison.estimatorVersion).toBe(ESTIMATOR_VERSION);
    expect(comparison.task).toMatchObject({ id: task.id, name: RECEIPTS.name, small: expect.any(Object) });
    expect(comparison.candidates.map((c) => c.id)).toEqual([encoder.id, phone.id, l4.id, gpt.id, cascade.id]);
    for (const candidate of comparison.candidates) {
      const expected = direct.get(candidate.id)!;
      expect(candidate.evaluation, candidate.name).toEqual(expected);
      expect(candidate.radar, candidate.name).toEqual(radarScores(expected, RECEIPTS_BUDGETS));
      expect(candidate.problem).toBeNull();
    }
    const cascadeRow = comparison.candidates.find((c) => c.id === cascade.id)!;
    expect(cascadeRow).toMatchObject({
      kind: 'CASCADE',
      spec: null,
      deployment: null,
      smallCandidateId: phone.id,
      largeCandidateId: gpt.id,
      escalationRate: 0.12,
      measured: { quality: { value: 0.981, sampleSize: 400 }, latency: null },
    });
    expect(cascadeRow.evaluation!.kind).toBe('CASCADE');
    const phoneRow = comparison.candidates.find((c) => c.id === phone.id)!;
    expect(phoneRow.measured.latency).toEqual({
      p50Ms: 410,
      p95Ms: 640,
      p99Ms: 910,
      samples: 390,
      source: 'promptfoo run demo, results.json, sha256 000000000000',
    });
    expect(phoneRow.evaluation!.latency.p95Seconds).toMatchObject({ value: 0.64, basis: 'measured' });

    const expectedDominated = dominated({
      points: [...direct].map(([id, e]) => ({
        id,
        quality: e.quality.value.value,
        monthlyUsd: e.cost.monthlyUsd.value,
      })),
      qualityHigherBetter: true,
    });
    expect(comparison.candidates.filter((c) => c.dominated).map((c) => c.id)).toEqual(expectedDominated);
    // The L4 costs more than the phone and measures lower; the others trade cost against quality.
    expect(expectedDominated).toEqual([l4.id]);
  });

  it('suggests AFFORDABLE, LATENCY and LOCAL verdicts from the candidates, naming them', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const task = await receiptsTask(teamId);
    const { api } = await callerFor(t.db, { user: world.members.VIEWER });

    const empty = await api.comparison.get({ teamId, taskId: task.id });
    expect(empty.candidates).toEqual([]);
    for (const letter of ['AFFORDABLE', 'LATENCY', 'LOCAL'] as const) {
      expect(empty.suggestions[letter]).toMatchObject({ verdict: 'UNKNOWN', candidateIds: [] });
      expect(empty.suggestions[letter].reason).toMatch(/No candidates yet/);
    }

    const gpt = await createCandidate(t.db, {
      teamId,
      taskId: task.id,
      name: 'GPT-4o',
      kind: 'FRONTIER_API',
      spec: CANDIDATE_SPECS.api,
    });
    const onlyApi = await api.comparison.get({ teamId, taskId: task.id });
    // USD 4,575 a month against a USD 2,000 budget; a US provider for an on-device task.
    expect(onlyApi.suggestions.AFFORDABLE).toMatchObject({ verdict: 'FAIL', candidateIds: [] });
    expect(onlyApi.suggestions.AFFORDABLE.reason).toMatch(/GPT-4o.*exceeds the USD 2,000 budget/);
    expect(onlyApi.suggestions.LOCAL).toMatchObject({ verdict: 'FAIL' });
    expect(onlyApi.suggestions.LATENCY.verdict).toBe('FAIL');

    const phone = await createCandidate(t.db, { teamId, taskId: task.id, name: 'Llama 3.2 3B on the phone' });
    await measure(phone.id, 0.972, { p50: 410, p95: 640, p99: 910 });
    const encoder = await createCandidate(t.db, {
      teamId,
      taskId: task.id,
      name: 'ModernBERT on CPU',
      kind: 'CLASSIFIER',
      spec: CANDIDATE_SPECS.cpu,
    });
    const both = await api.comparison.get({ teamId, taskId: task.id });
    expect(both.suggestions.AFFORDABLE.verdict).toBe('PASS');
    expect(both.suggestions.AFFORDABLE.candidateIds.sort()).toEqual([phone.id, encoder.id].sort());
    expect(both.suggestions.LOCAL).toMatchObject({ verdict: 'PASS', candidateIds: [phone.id] });
    expect(both.suggestions.LOCAL.reason).toMatch(/Llama 3.2 3B on the phone/);
    // The phone's latency is measured within budget; the encoder's is estimated within it too.
    expect(both.suggestions.LATENCY.verdict).toBe('PASS');
    expect(both.suggestions.LATENCY.candidateIds).toContain(phone.id);

    // A model that misses the quality bar proves nothing about cost.
    await measure(phone.id, 0.9, { p50: 410, p95: 640, p99: 910 });
    const missing = await api.comparison.get({ teamId, taskId: task.id });
    expect(missing.suggestions.LOCAL.verdict).toBe('FAIL');
    expect(missing.suggestions.LOCAL.reason).toMatch(/misses the quality bar/);
    expect(missing.suggestions.AFFORDABLE.candidateIds).toEqual([encoder.id]);
    expect(gpt.id).toBeTruthy();
  });

  it('issues the same number of SQL statements for 2 candidates as for 20', async () => {
    // Counted at the client: a dedicated Prisma client whose `query` log events (one per SQL
    // statement sent to PostgreSQL) increment a counter; the caller runs on that client.
    let statements = 0;
    const counting: Db = createDb(t.url, { maxConnections: 2, onQuery: () => void statements++ });
    try {
      const world = await createTeamWorld(t.db);
      const teamId = world.team.id;
      const small = await receiptsTask(teamId);
      const large = await receiptsTask(teamId);
      const phone = await createCandidate(t.db, { teamId, taskId: small.id });
      await createCandidate(t.db, {
        teamId,
        taskId: small.id,
        name: 'GPT-4o',
        kind: 'FRONTIER_API',
        spec: CANDIDATE_SPECS.api,
      });
      await measure(phone.id, 0.97, { p50: 400, p95: 600, p99: 900 });

      const specs = [
        ['CLASSIFIER', CANDIDATE_SPECS.cpu],
        ['SLM', CANDIDATE_SPECS.device],
        ['SLM', CANDIDATE_SPECS.gpu],
        ['FRONTIER_API', CANDIDATE_SPECS.api],
      ] as const;
      const singles = [];
      for (let i = 0; i < 16; i++) {
        const [kind, spec] = specs[i % specs.length]!;
        singles.push(await createCandidate(t.db, { teamId, taskId: large.id, name: `Model ${i}`, kind, spec }));
      }
      for (const single of singles.slice(0, 4)) await measure(single.id, 0.95 + 0.01 * singles.indexOf(single));
      for (let i = 0; i < 4; i++) {
        await createCascade(t.db, {
          teamId,
          taskId: large.id,
          smallCandidateId: singles[4 * i + 1]!.id,
          largeCandidateId: singles[4 * i + 3]!.id,
          escalationRate: 0.05 * (i + 1),
          name: `Cascade ${i}`,
        });
      }

      const { api } = await callerFor(counting, { user: world.members.VIEWER });
      const countFor = async (taskId: string) => {
        statements = 0;
        const result = await api.comparison.get({ teamId, taskId });
        return { statements, candidates: result.candidates.length };
      };
      await countFor(small.id); // the pool's first connection
      const two = await countFor(small.id);
      const twenty = await countFor(large.id);
      expect(two.candidates).toBe(2);
      expect(twenty.candidates).toBe(20);
      expect(twenty.statements).toBe(two.statements);
      // The membership; the task, its project and its letters (Prisma loads each relation with one
      // statement); the live candidates.
      expect(two.statements).toBe(5);
    } finally {
      await counting.$disconnect();
    }
  });

  it('answers NOT_FOUND for a task of another team, and reads archived candidates out', async () => {
    const world = await createTeamWorld(t.db);
    const teamId = world.team.id;
    const task = await receiptsTask(teamId);
    const phone = await createCandidate(t.db, { teamId, taskId: task.id });
    const { api } = await callerFor(t.db, { user: world.members.EDITOR });
    await api.candidate.archive({ teamId, candidateId: phone.id, version: 1 });
    expect((await api.comparison.get({ teamId, taskId: task.id })).candidates).toEqual([]);

    const theirs = await receiptsTask(world.otherTeam.id);
    await expect(api.comparison.get({ teamId, taskId: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
