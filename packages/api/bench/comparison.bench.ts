// The comparison page's one call: comparison.get for a task with 20 candidates of every kind
// (four of them cascades), through the caller as a page load makes it. Prints p50/p99 over many
// calls and the SQL statements per call; asserts nothing.
//
//   pnpm --filter @rightsize/api bench      (or `pnpm bench` for every package)
//
// On a scratch database (TEST_DATABASE_URL's or DATABASE_URL's server, else an embedded one),
// dropped at the end. Statements are counted with the Prisma client's `query` log events (one per
// SQL statement sent), on the client the caller uses.
import { dominated, radarScores } from '@rightsize/core';
import { createDb } from '@rightsize/db';
import { migrateInChildProcess, quoteIdent, scratchServer, withClient, withDatabase } from '@rightsize/db/server';
import { randomBytes } from 'node:crypto';
import {
  CANDIDATE_SPECS,
  callerFor,
  createCandidate,
  createCascade,
  createProject,
  createTask,
  createTeamWorld,
} from '../test/factories.ts';
import { candidateSelect } from '../src/services/candidate.ts';
import { evaluateCandidates } from '../src/services/comparison.ts';
import { taskBudgetsOf } from '../src/services/task-budgets.ts';

const WARM_UP = 50;
const CALLS = 500;

const now = () => performance.now();
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

const table = (header: string[], rows: string[][]) => {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
};

const server = await scratchServer();
const database = `rs_bench_comparison_${process.pid}_${randomBytes(3).toString('hex')}`;
await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
const url = withDatabase(server.url, database);
let statements = 0;
const db = createDb(url, { maxConnections: 4, onQuery: () => void statements++ });
try {
  await migrateInChildProcess(url);
  const version = await withClient(url, async (client) => (await client.query('SHOW server_version')).rows[0]);
  console.log(
    `\nComparison benchmark — pnpm --filter @rightsize/api bench — PostgreSQL ${version?.server_version}, Node ${process.version}`,
  );

  // The receipts task with 16 single models (each deployment kind, some measured) and 4 cascades.
  const world = await createTeamWorld(db, 'Bench team');
  const teamId = world.team.id;
  const project = await createProject(db, { teamId });
  const task = await createTask(db, {
    teamId,
    projectId: project.id,
    name: 'Read receipts',
    monthlyRequests: 3_000_000,
    monthlyGrowth: 0.04,
    inputTokens: 450,
    inputTokensP95: 1_100,
    outputTokens: 40,
    outputTokensP95: 70,
    targetDevice: 'mid-tier-android',
    memoryBudgetBytes: 3e9,
    locality: 'ON_DEVICE',
    jurisdictions: ['EU', 'UK'],
    monthlyBudgetUsd: 2_000,
  });
  const kinds = [
    ['CLASSIFIER', CANDIDATE_SPECS.cpu],
    ['SLM', CANDIDATE_SPECS.device],
    ['SLM', CANDIDATE_SPECS.gpu],
    ['FRONTIER_API', CANDIDATE_SPECS.api],
  ] as const;
  const singles = [];
  for (let i = 0; i < 16; i++) {
    const [kind, spec] = kinds[i % kinds.length]!;
    singles.push(await createCandidate(db, { teamId, taskId: task.id, name: `${kind} ${i}`, kind, spec }));
  }
  for (const [i, single] of singles.entries()) {
    if (i % 2 === 0) continue;
    await db.candidate.update({
      where: { id: single.id },
      data: {
        measuredQuality: 0.95 + i / 1_000,
        measuredQualitySamples: 250,
        measuredQualitySource: 'bench',
        measuredP50Ms: 400 + i,
        measuredP95Ms: 600 + i,
        measuredP99Ms: 900 + i,
        measuredLatencySamples: 250,
        measuredLatencySource: 'bench',
      },
    });
  }
  for (let i = 0; i < 4; i++) {
    await createCascade(db, {
      teamId,
      taskId: task.id,
      smallCandidateId: singles[4 * i + 1]!.id,
      largeCandidateId: singles[4 * i + 3]!.id,
      escalationRate: 0.05 * (i + 1),
      name: `Cascade ${i}`,
    });
  }

  const { api } = await callerFor(db, { user: world.members.VIEWER });
  const call = () => api.comparison.get({ teamId, taskId: task.id });
  for (let i = 0; i < WARM_UP; i++) await call();
  const times: number[] = [];
  const perCall: number[] = [];
  let candidates = 0;
  for (let i = 0; i < CALLS; i++) {
    statements = 0;
    const start = now();
    const result = await call();
    times.push(now() - start);
    perCall.push(statements);
    candidates = result.candidates.length;
  }

  // The estimator's share: the same evaluation, radar and dominance on rows already in memory.
  const rows = await db.candidate.findMany({
    where: { teamId, taskId: task.id, archivedAt: null },
    select: candidateSelect,
  });
  const budgets = taskBudgetsOf(task);
  const computeTimes: number[] = [];
  for (let i = 0; i < WARM_UP + CALLS; i++) {
    const start = now();
    const results = evaluateCandidates(rows, budgets);
    const evaluations = [...results].flatMap(([id, r]) => (r.evaluation ? [{ id, e: r.evaluation }] : []));
    for (const { e } of evaluations) radarScores(e, budgets);
    dominated({
      points: evaluations.map(({ id, e }) => ({
        id,
        quality: e.quality.value.value,
        monthlyUsd: e.cost.monthlyUsd.value,
      })),
      qualityHigherBetter: true,
    });
    if (i >= WARM_UP) computeTimes.push(now() - start);
  }

  console.log(
    `${candidates} candidates (16 single models of 4 deployment kinds, 4 cascades); ${CALLS} calls after ${WARM_UP} warm-up calls.\n`,
  );
  const statementRange =
    Math.min(...perCall) === Math.max(...perCall)
      ? String(perCall[0])
      : `${Math.min(...perCall)}–${Math.max(...perCall)}`;
  table(
    ['what', 'p50', 'p99', 'mean', 'SQL statements per call'],
    [
      [
        'comparison.get through the caller',
        ms(quantile(times, 0.5)),
        ms(quantile(times, 0.99)),
        ms(times.reduce((a, b) => a + b, 0) / times.length),
        statementRange,
      ],
      [
        '  of which the estimator (in memory)',
        ms(quantile(computeTimes, 0.5)),
        ms(quantile(computeTimes, 0.99)),
        ms(computeTimes.reduce((a, b) => a + b, 0) / computeTimes.length),
        '0',
      ],
    ],
  );
} finally {
  await db.$disconnect();
  await withClient(server.url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
  );
  await server.release();
}
