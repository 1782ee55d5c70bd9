// Candidates: the models considered for a task, each with how it would be deployed, or a cascade of
// two of them. Specs are checked by the estimator itself when written, so a stored candidate always
// evaluates; a cascade's parts are live single models of the same task, and stay so while it lives.
import { evaluateCandidate, type CandidateSpec } from '@rightsize/core';
import type { Db, Prisma } from '@rightsize/db';
import type {
  TCandidateArchive,
  TCandidateCreate,
  TCandidateFind,
  TCandidateGet,
  TCandidateUpdate,
} from '@rightsize/validators';
import { AppError } from '../errors.ts';
import { appendAudit, creationFields, diffFields, type AuditActor } from './audit.ts';
import { staleVersionError } from './conflict.ts';
import {
  measuredSelect,
  presentMeasured,
  taskBudgetsOf,
  taskBudgetsSelect,
  type TaskBudgetFields,
} from './task-budgets.ts';
import { taskArchived, taskNotFound } from './task.ts';

type Tx = Prisma.TransactionClient;

/** Every column a procedure returns; no other team's ids can be among them. */
export const candidateSelect = {
  id: true,
  taskId: true,
  name: true,
  kind: true,
  deployment: true,
  spec: true,
  notes: true,
  smallCandidateId: true,
  largeCandidateId: true,
  escalationRate: true,
  ...measuredSelect,
  archivedAt: true,
  createdAt: true,
  version: true,
} as const satisfies Prisma.CandidateSelect;

export type CandidateRow = Prisma.CandidateGetPayload<{ select: typeof candidateSelect }>;

/** What a cascade stores in `spec`: it deploys nothing itself (the column is NOT NULL). */
const CASCADE_SPEC = {};

/** The spec of a single model as the estimator reads it; null for a cascade. */
export const specOf = (row: Pick<CandidateRow, 'kind' | 'spec'>): CandidateSpec | null =>
  row.kind === 'CASCADE' ? null : (row.spec as unknown as CandidateSpec);

/** A candidate as procedures return it: the spec (null for a cascade) and measurements with sources. */
export const presentCandidate = (row: CandidateRow) => {
  const {
    spec: _spec,
    measuredQuality: _q,
    measuredQualityMetric: _qm,
    measuredQualitySamples: _qs,
    measuredQualitySource: _qsrc,
    measuredP50Ms: _p50,
    measuredP95Ms: _p95,
    measuredP99Ms: _p99,
    measuredLatencySamples: _ls,
    measuredLatencySource: _lsrc,
    ...rest
  } = row;
  return { ...rest, spec: specOf(row), measured: presentMeasured(row) };
};

export const candidateNotFound = (field = 'candidateId') =>
  new AppError('NOT_FOUND', 'Candidate not found.', { fieldErrors: { [field]: ['No such candidate in this team.'] } });

const candidateArchived = () => new AppError('CONFLICT', 'This candidate is archived: it can no longer be changed.');

const invalid = (fieldErrors: Record<string, string[]>) =>
  new AppError('INVALID', Object.values(fieldErrors).flat().join(' '), { fieldErrors });

/** The task of the team, locked against archiving until commit; NOT_FOUND or CONFLICT otherwise. */
const lockOpenTask = async (tx: Tx, teamId: string, taskId: string): Promise<TaskBudgetFields> => {
  const [locked] = await tx.$queryRaw<{ archivedAt: Date | null }[]>`
    SELECT "archivedAt" FROM "Task" WHERE id = ${taskId}::uuid AND "teamId" = ${teamId}::uuid FOR SHARE`;
  if (!locked) throw taskNotFound();
  if (locked.archivedAt) throw taskArchived();
  return tx.task.findFirstOrThrow({ where: { id: taskId, teamId }, select: taskBudgetsSelect });
};

/**
 * Checks a spec with the estimator on the task it is for, so that a stored candidate always
 * evaluates: the schema checks shapes and catalogue ids, the estimator the rest (an encoder named
 * for a generative kind, a GPU price for another device, …).
 */
const checkSpec = (kind: string, spec: CandidateSpec, task: TaskBudgetFields) => {
  try {
    evaluateCandidate({ task: taskBudgetsOf(task), kind: kind as Exclude<CandidateRow['kind'], 'CASCADE'>, spec });
  } catch (error) {
    if (error instanceof RangeError) {
      throw invalid({ spec: [`This deployment cannot be evaluated: ${error.message}.`] });
    }
    throw error;
  }
};

interface PartRow {
  id: string;
  taskId: string;
  name: string;
  kind: string;
  archivedAt: Date | null;
}

/**
 * The two parts of a cascade, locked (FOR SHARE) until commit so that neither can be archived in
 * between: of the team (NOT_FOUND otherwise), of the same task, single models, not archived.
 */
const checkCascadeParts = async (
  tx: Tx,
  { teamId, taskId, smallId, largeId }: { teamId: string; taskId: string; smallId: string; largeId: string },
) => {
  if (smallId === largeId) {
    throw invalid({ largeCandidateId: ['Choose two different candidates: the large one cannot be the small one.'] });
  }
  const rows = await tx.$queryRaw<PartRow[]>`
    SELECT id::text AS id, "taskId"::text AS "taskId", name, kind::text AS kind, "archivedAt"
    FROM "Candidate" WHERE "teamId" = ${teamId}::uuid AND id IN (${smallId}::uuid, ${largeId}::uuid)
    ORDER BY id FOR SHARE`;
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, id] of [
    ['smallCandidateId', smallId],
    ['largeCandidateId', largeId],
  ] as const) {
    const part = rows.find((row) => row.id === id);
    if (!part) throw candidateNotFound(field);
    if (part.taskId !== taskId) {
      fieldErrors[field] = [
        `"${part.name}" is a candidate of another task: a cascade's parts must be candidates of this task.`,
      ];
    } else if (part.kind === 'CASCADE') {
      fieldErrors[field] = [`"${part.name}" is itself a cascade: choose a single model.`];
    } else if (part.archivedAt) {
      fieldErrors[field] = [`"${part.name}" is archived: choose a live candidate.`];
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw invalid(fieldErrors);
};

/**
 * Creates a candidate for an open task of the team: a single model with its deployment (checked by
 * the estimator on the task), or a cascade of two live single models of the same task.
 */
export const createCandidate = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TCandidateCreate }) =>
  db.$transaction(async (tx) => {
    const task = await lockOpenTask(tx, input.teamId, input.taskId);
    const base = { teamId: input.teamId, taskId: input.taskId, name: input.name, kind: input.kind, notes: input.notes };
    let fields: Omit<Prisma.CandidateUncheckedCreateInput, keyof typeof base>;
    if (input.kind === 'CASCADE') {
      await checkCascadeParts(tx, {
        teamId: input.teamId,
        taskId: input.taskId,
        smallId: input.smallCandidateId,
        largeId: input.largeCandidateId,
      });
      fields = {
        deployment: null,
        spec: CASCADE_SPEC,
        smallCandidateId: input.smallCandidateId,
        largeCandidateId: input.largeCandidateId,
        escalationRate: input.escalationRate,
      };
    } else {
      checkSpec(input.kind, input.spec as CandidateSpec, task);
      fields = { deployment: input.spec.deployment, spec: input.spec as Prisma.InputJsonValue };
    }
    const row = await tx.candidate.create({ data: { ...base, ...fields }, select: candidateSelect });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'candidate.created',
      entityType: 'candidate',
      entityId: row.id,
      changes: creationFields({
        taskId: row.taskId,
        name: row.name,
        kind: row.kind,
        deployment: row.deployment,
        spec: specOf(row),
        notes: row.notes,
        smallCandidateId: row.smallCandidateId,
        largeCandidateId: row.largeCandidateId,
        escalationRate: row.escalationRate,
        version: row.version,
      }),
    });
    return presentCandidate(row);
  });

/** A task's candidates in the order they were added; archived ones only with `includeArchived`. */
export const findCandidates = async ({ db, input }: { db: Db; input: TCandidateFind }) => {
  const task = await db.task.findFirst({ where: { id: input.taskId, teamId: input.teamId }, select: { id: true } });
  if (!task) throw taskNotFound();
  const rows = await db.candidate.findMany({
    where: { teamId: input.teamId, taskId: input.taskId, ...(input.includeArchived ? {} : { archivedAt: null }) },
    select: candidateSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(presentCandidate);
};

export const getCandidate = async ({ db, input }: { db: Db; input: TCandidateGet }) => {
  const row = await db.candidate.findFirst({
    where: { id: input.candidateId, teamId: input.teamId },
    select: candidateSelect,
  });
  if (!row) throw candidateNotFound();
  return presentCandidate(row);
};

type Versioned = { teamId: string; candidateId: string; version: number };

const staleCandidate = (tx: Tx, input: Versioned, currentVersion: number) =>
  staleVersionError(tx, {
    teamId: input.teamId,
    entityType: 'candidate',
    entityId: input.candidateId,
    noun: 'candidate',
    sinceVersion: input.version,
    currentVersion,
  });

/** The candidate at the caller's version, not archived, of a task that is not archived. */
const loadForChange = async (tx: Tx, input: Versioned) => {
  const current = await tx.candidate.findFirst({
    where: { id: input.candidateId, teamId: input.teamId },
    select: { ...candidateSelect, task: { select: { ...taskBudgetsSelect, archivedAt: true } } },
  });
  if (!current) throw candidateNotFound();
  if (current.version !== input.version) throw await staleCandidate(tx, input, current.version);
  if (current.archivedAt) throw candidateArchived();
  if (current.task.archivedAt) throw taskArchived();
  return current;
};

/** Writes `data` only if the candidate is still at the caller's version; otherwise names who changed it. */
const writeAtVersion = async (tx: Tx, input: Versioned, data: Prisma.CandidateUncheckedUpdateManyInput) => {
  const { count } = await tx.candidate.updateMany({
    where: { id: input.candidateId, teamId: input.teamId, version: input.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.candidate.findFirst({
      where: { id: input.candidateId, teamId: input.teamId },
      select: { version: true },
    });
    if (!now) throw candidateNotFound();
    throw await staleCandidate(tx, input, now.version);
  }
  return tx.candidate.findFirstOrThrow({
    where: { id: input.candidateId, teamId: input.teamId },
    select: candidateSelect,
  });
};

const CASCADE_FIELDS = ['smallCandidateId', 'largeCandidateId', 'escalationRate'] as const;

/**
 * Applies a partial patch at the caller's version. A single model's `spec` is replaced whole (and
 * `deployment` follows it); a cascade's parts and escalation share are checked as on creation.
 * The audit event lists each changed field (the spec as one JSON value) and the version bump.
 */
export const updateCandidate = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TCandidateUpdate }) =>
  db.$transaction(async (tx) => {
    const { task, ...current } = await loadForChange(tx, input);
    const patch: Record<string, unknown> = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.notes !== undefined) patch.notes = input.notes;
    if (current.kind === 'CASCADE') {
      if (input.spec !== undefined) {
        throw invalid({
          spec: ['A cascade has no deployment of its own: change its small or large candidate instead.'],
        });
      }
      for (const field of CASCADE_FIELDS) if (input[field] !== undefined) patch[field] = input[field];
      const smallId = (patch.smallCandidateId as string | undefined) ?? current.smallCandidateId!;
      const largeId = (patch.largeCandidateId as string | undefined) ?? current.largeCandidateId!;
      if (patch.smallCandidateId !== undefined || patch.largeCandidateId !== undefined) {
        await checkCascadeParts(tx, { teamId: input.teamId, taskId: current.taskId, smallId, largeId });
      }
    } else {
      const given = CASCADE_FIELDS.filter((field) => input[field] !== undefined);
      if (given.length > 0) {
        throw invalid(
          Object.fromEntries(
            given.map((field) => [
              field,
              ['Only a cascade has a small and a large candidate and an escalation share.'],
            ]),
          ),
        );
      }
      if (input.spec !== undefined) {
        checkSpec(current.kind, input.spec as CandidateSpec, task);
        patch.spec = input.spec;
        patch.deployment = input.spec.deployment;
      }
    }
    const changes = diffFields({ ...current, spec: specOf(current) }, patch);
    const row = await writeAtVersion(tx, input, patch as Prisma.CandidateUncheckedUpdateManyInput);
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'candidate.updated',
      entityType: 'candidate',
      entityId: input.candidateId,
      changes: { ...changes, version: { old: input.version, new: row.version } },
    });
    return presentCandidate(row);
  });

/**
 * Archives a candidate: it leaves the comparison and can no longer change. A single model that a
 * live cascade uses cannot be archived before that cascade (CONFLICT naming it). The row is written
 * first: its lock makes a concurrent cascade creation (which locks its parts FOR SHARE) either
 * finish before the check below sees it, or wait and then find this part archived.
 */
export const archiveCandidate = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TCandidateArchive }) =>
  db.$transaction(async (tx) => {
    await loadForChange(tx, input);
    const row = await writeAtVersion(tx, input, { archivedAt: actor.now });
    const users = await tx.candidate.findMany({
      where: {
        teamId: input.teamId,
        archivedAt: null,
        OR: [{ smallCandidateId: input.candidateId }, { largeCandidateId: input.candidateId }],
      },
      select: { name: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    if (users.length > 0) {
      const names = users.map((cascade) => `"${cascade.name}"`).join(', ');
      const message = `${users.length === 1 ? 'The cascade' : 'The cascades'} ${names} ${users.length === 1 ? 'uses' : 'use'} this candidate: archive ${users.length === 1 ? 'it' : 'them'} first.`;
      throw new AppError('CONFLICT', message, { fieldErrors: { candidateId: [message] } });
    }
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'candidate.archived',
      entityType: 'candidate',
      entityId: input.candidateId,
      changes: {
        archivedAt: { old: null, new: actor.now.toISOString() },
        version: { old: input.version, new: row.version },
      },
    });
    return presentCandidate(row);
  });
