// Decisions: architecture decision records for a task, numbered per team (ADR-0001, …).
//
// Lifecycle: a DRAFT's content (title, context, consequences, chosen candidate) is edited freely.
// Proposing freezes a snapshot of the task, its assessment, its candidates and every computed
// figure, with the SHA-256 of its canonical form, and copies the team's sign-off policy. While
// PROPOSED, members sign in the capacities they hold against that hash: one REJECT ends it as
// REJECTED; when every required capacity has an APPROVE it becomes ACCEPTED, and the task's
// previously accepted decision becomes SUPERSEDED in the same transaction, linked both ways. To
// change a proposed decision it is withdrawn to DRAFT (its snapshot is dropped; sign-offs made
// against it stay on record under its hash) and proposed again.
//
// The proposer may not approve their own decision in any capacity (four eyes); they may reject it,
// which puts a flaw they found after proposing on the record.
//
// Sign-offs run SERIALIZABLE with retries (serializable.ts): the quorum check reads every sign-off
// of the proposal, so two concurrent approvals cannot both miss each other and leave the decision
// PROPOSED, nor both accept it.
import { Prisma, type Capacity, type Db } from '@rightsize/db';
import {
  CAPACITIES,
  decisionRef,
  type TDecisionCreate,
  type TDecisionFind,
  type TDecisionGet,
  type TDecisionSignOff,
  type TDecisionTransition,
  type TDecisionUpdate,
} from '@rightsize/validators';
import { AppError } from '../errors.ts';
import type { TeamMembership } from '../procedures.ts';
import { appendAudit, creationFields, diffFields, type AuditActor, type AuditValue } from './audit.ts';
import type { PasswordVerifier } from './auth.ts';
import { candidateNotFound } from './candidate.ts';
import { staleVersionError } from './conflict.ts';
import { confirmPassword } from './reauth.ts';
import { runSerializable, type SerializableOptions } from './serializable.ts';
import { currentPolicy } from './sign-off-policy.ts';
import {
  buildSnapshot,
  hex,
  snapshotChanges,
  snapshotSha256,
  storedSnapshot,
  type DecisionSnapshot,
  type SnapshotChange,
} from './snapshot.ts';
import { taskArchived, taskNotFound } from './task.ts';

type Tx = Prisma.TransactionClient;
type Person = { id: string; displayName: string };

const linkSelect = { id: true, number: true, title: true, status: true } as const;

/** The columns every procedure returns (the snapshot itself only where asked for). */
const decisionSelect = {
  id: true,
  number: true,
  taskId: true,
  title: true,
  chosenCandidateId: true,
  context: true,
  consequences: true,
  status: true,
  proposedById: true,
  proposedAt: true,
  requiredCapacities: true,
  snapshotSha256: true,
  estimatorVersion: true,
  supersedesId: true,
  supersededById: true,
  acceptedAt: true,
  rejectedAt: true,
  supersededAt: true,
  createdById: true,
  createdAt: true,
  version: true,
  task: { select: { id: true, name: true, archivedAt: true } },
  chosenCandidate: { select: { id: true, name: true, kind: true, archivedAt: true } },
  supersedes: { select: linkSelect },
  supersededBy: { select: linkSelect },
} as const satisfies Prisma.DecisionSelect;

type DecisionRow = Prisma.DecisionGetPayload<{ select: typeof decisionSelect }>;

const signOffSelect = {
  id: true,
  userId: true,
  signerName: true,
  capacity: true,
  verdict: true,
  comment: true,
  snapshotSha256: true,
  createdAt: true,
} as const satisfies Prisma.SignOffSelect;

type SignOffRow = Prisma.SignOffGetPayload<{ select: typeof signOffSelect }>;

export const decisionNotFound = (field = 'decisionId') =>
  new AppError('NOT_FOUND', 'Decision not found.', { fieldErrors: { [field]: ['No such decision in this team.'] } });

const invalid = (fieldErrors: Record<string, string[]>) =>
  new AppError('INVALID', Object.values(fieldErrors).flat().join(' '), { fieldErrors });

const STATUS_WORDS = {
  DRAFT: 'a draft',
  PROPOSED: 'proposed',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  SUPERSEDED: 'superseded',
} as const;

/** Display names of the given users (decisions keep ids only). */
const people = async (db: Db | Tx, ids: (string | null)[]): Promise<Map<string, Person>> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((user) => [user.id, user]));
};

const personOf = (map: Map<string, Person>, id: string | null): Person | null =>
  id === null ? null : (map.get(id) ?? { id, displayName: 'A former member' });

const link = (row: { id: string; number: number; title: string; status: DecisionRow['status'] } | null) =>
  row ? { id: row.id, number: row.number, ref: decisionRef(row.number), title: row.title, status: row.status } : null;

/** A decision as lists show it. */
const presentItem = (row: DecisionRow, map: Map<string, Person>) => ({
  id: row.id,
  number: row.number,
  ref: decisionRef(row.number),
  title: row.title,
  status: row.status,
  task: { id: row.task.id, name: row.task.name },
  chosenCandidate: row.chosenCandidate
    ? {
        id: row.chosenCandidate.id,
        name: row.chosenCandidate.name,
        kind: row.chosenCandidate.kind,
        archived: row.chosenCandidate.archivedAt !== null,
      }
    : null,
  createdBy: personOf(map, row.createdById)!,
  createdAt: row.createdAt,
  proposedAt: row.proposedAt,
  acceptedAt: row.acceptedAt,
  rejectedAt: row.rejectedAt,
  supersededAt: row.supersededAt,
  supersedes: link(row.supersedes),
  supersededBy: link(row.supersededBy),
  version: row.version,
});

export type DecisionItem = ReturnType<typeof presentItem>;

const presentSignOff = (row: SignOffRow, currentSha: Uint8Array | null) => {
  const sha = hex(row.snapshotSha256);
  return {
    id: row.id,
    user: { id: row.userId, displayName: row.signerName },
    capacity: row.capacity,
    verdict: row.verdict,
    comment: row.comment,
    snapshotSha256: sha,
    /** Made against the decision's current snapshot (false: an earlier, withdrawn proposal). */
    current: currentSha !== null && sha === hex(currentSha),
    createdAt: row.createdAt,
  };
};

export type SignOffView = ReturnType<typeof presentSignOff>;

/** Each required capacity with its approval of the current proposal, if any; in CAPACITIES order. */
const approvalsOf = (required: readonly Capacity[], signOffs: readonly SignOffView[]) =>
  CAPACITIES.filter((capacity) => required.includes(capacity)).map((capacity) => {
    const approval = signOffs.find((s) => s.current && s.capacity === capacity && s.verdict === 'APPROVE');
    return { capacity, approvedBy: approval?.user ?? null, approvedAt: approval?.createdAt ?? null };
  });

/** Everything a decision page needs, except the live comparison (see getDecision). */
const presentDetail = (row: DecisionRow, signOffRows: SignOffRow[], map: Map<string, Person>) => {
  const signOffs = signOffRows.map((s) => presentSignOff(s, row.snapshotSha256));
  const approvals = approvalsOf(row.requiredCapacities, signOffs);
  return {
    ...presentItem(row, map),
    context: row.context,
    consequences: row.consequences,
    proposedBy: personOf(map, row.proposedById),
    /** The capacities that must approve: the team's policy when it was proposed (empty in DRAFT). */
    requiredCapacities: approvals.map((a) => a.capacity),
    approvals,
    /** Required capacities without an approval yet (only meaningful while PROPOSED). */
    pendingCapacities: approvals.filter((a) => a.approvedBy === null).map((a) => a.capacity),
    estimatorVersion: row.estimatorVersion,
    /** Hex SHA-256 of the frozen snapshot; what signers sign. Null in DRAFT. */
    snapshotSha256: row.snapshotSha256 ? hex(row.snapshotSha256) : null,
    signOffs,
  };
};

const loadDetail = async (db: Db | Tx, teamId: string, decisionId: string) => {
  const row = await db.decision.findFirst({ where: { id: decisionId, teamId }, select: decisionSelect });
  if (!row) throw decisionNotFound();
  const signOffRows = await db.signOff.findMany({
    where: { teamId, decisionId },
    select: signOffSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const map = await people(db, [row.createdById, row.proposedById]);
  return presentDetail(row, signOffRows, map);
};

export type DecisionDetail = Awaited<ReturnType<typeof loadDetail>>;

/** A decision with its sign-offs, without the snapshot or the live comparison (exports). */
export const getDecisionRecord = (db: Db, teamId: string, decisionId: string) => loadDetail(db, teamId, decisionId);

// ---------------------------------------------------------------------------------------------
// Reading

/** The team's decisions, newest number first; of one task and/or in one status when given. */
export const findDecisions = async ({ db, input }: { db: Db; input: TDecisionFind }) => {
  if (input.taskId) {
    const task = await db.task.findFirst({ where: { id: input.taskId, teamId: input.teamId }, select: { id: true } });
    if (!task) throw taskNotFound();
  }
  const rows = await db.decision.findMany({
    where: {
      teamId: input.teamId,
      ...(input.taskId ? { taskId: input.taskId } : {}),
      ...(input.status ? { status: input.status } : {}),
    },
    select: decisionSelect,
    orderBy: { number: 'desc' },
  });
  const ids = rows.map((row) => row.id);
  const [map, signOffs, costs] = await Promise.all([
    people(
      db,
      rows.map((row) => row.createdById),
    ),
    db.signOff.findMany({
      where: { teamId: input.teamId, decisionId: { in: ids } },
      select: { decisionId: true, userId: true, signerName: true, capacity: true, verdict: true, snapshotSha256: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    // The chosen option's frozen monthly cost, read inside the snapshot without loading it.
    db.$queryRaw<{ id: string; monthlyUsd: number | null }[]>`
      SELECT id::text AS id,
             (jsonb_path_query_first(snapshot, '$.candidates[*] ? (@.id == $id).evaluation.cost.monthlyUsd.value',
                                     jsonb_build_object('id', "chosenCandidateId"::text)))::text::float8 AS "monthlyUsd"
      FROM "Decision"
      WHERE "teamId" = ${input.teamId}::uuid AND id = ANY(${ids}::uuid[]) AND snapshot IS NOT NULL`,
  ]);
  const costOf = new Map(costs.map((row) => [row.id, row.monthlyUsd]));
  return rows.map((row) => {
    const current = row.snapshotSha256 ? hex(row.snapshotSha256) : null;
    return {
      ...presentItem(row, map),
      /** The chosen option's monthly cost as frozen in the snapshot; null for a draft (or unknown). */
      chosenMonthlyUsd: costOf.get(row.id) ?? null,
      /** Sign-offs of the current proposal, in the order they were made. */
      signers: signOffs
        .filter((s) => s.decisionId === row.id && current !== null && hex(s.snapshotSha256) === current)
        .map((s) => ({ userId: s.userId, displayName: s.signerName, capacity: s.capacity, verdict: s.verdict })),
    };
  });
};

/**
 * One decision with its frozen snapshot and sign-offs, what the caller may do with it, and — for a
 * proposed or decided one — how today's live figures differ from the snapshot (the page's banner;
 * empty when nothing relevant changed).
 */
export const getDecision = async ({
  db,
  input,
  membership,
  now,
}: {
  db: Db;
  input: TDecisionGet;
  membership: TeamMembership;
  now: Date;
}) => {
  const detail = await loadDetail(db, input.teamId, input.decisionId);
  const row = await db.decision.findFirstOrThrow({
    where: { id: input.decisionId, teamId: input.teamId },
    select: { snapshot: true },
  });
  const snapshot = storedSnapshot(row.snapshot);
  let staleness: { checkedAt: Date; changes: SnapshotChange[] } | null = null;
  if (snapshot) {
    const fresh = await buildSnapshot(db, {
      teamId: input.teamId,
      taskId: detail.task.id,
      decision: snapshot.decision,
      now,
    });
    staleness = { checkedAt: now, changes: snapshotChanges(snapshot, fresh) };
  }
  const isProposer = detail.proposedBy?.id === membership.userId;
  const signedNow = new Set(
    detail.signOffs.filter((s) => s.current && s.user.id === membership.userId).map((s) => s.capacity),
  );
  return {
    ...detail,
    snapshot,
    staleness,
    viewer: {
      capacities: membership.capacities,
      /** Capacities the caller can sign in now: held, required, not yet signed (PROPOSED only). */
      canSignAs:
        detail.status === 'PROPOSED'
          ? detail.requiredCapacities.filter((c) => membership.capacities.includes(c) && !signedNow.has(c))
          : [],
      /** False for the proposer, who may only reject. */
      canApprove: !isProposer,
      canEdit: detail.status === 'DRAFT' && membership.role !== 'VIEWER',
    },
  };
};

// ---------------------------------------------------------------------------------------------
// Drafts

/** The task of the team, locked against archiving until commit; NOT_FOUND or CONFLICT otherwise. */
const lockOpenTask = async (tx: Tx, teamId: string, taskId: string) => {
  const [task] = await tx.$queryRaw<{ archivedAt: Date | null }[]>`
    SELECT "archivedAt" FROM "Task" WHERE id = ${taskId}::uuid AND "teamId" = ${teamId}::uuid FOR SHARE`;
  if (!task) throw taskNotFound();
  if (task.archivedAt) throw taskArchived();
};

/** A live candidate of the task, locked against archiving until commit. */
const checkChosen = async (tx: Tx, teamId: string, taskId: string, candidateId: string) => {
  const [row] = await tx.$queryRaw<{ taskId: string; name: string; archivedAt: Date | null }[]>`
    SELECT "taskId"::text AS "taskId", name, "archivedAt" FROM "Candidate"
    WHERE id = ${candidateId}::uuid AND "teamId" = ${teamId}::uuid FOR SHARE`;
  if (!row) throw candidateNotFound('chosenCandidateId');
  if (row.taskId !== taskId) {
    throw invalid({
      chosenCandidateId: [`"${row.name}" is a candidate of another task: choose one of this task's candidates.`],
    });
  }
  if (row.archivedAt) throw invalid({ chosenCandidateId: [`"${row.name}" is archived: choose a live candidate.`] });
};

/** The next number of the team's decisions; the counter row is locked until commit, so no gaps. */
const nextNumber = async (tx: Tx, teamId: string) => {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "DecisionCounter" ("teamId", "last") VALUES (${teamId}::uuid, 1)
    ON CONFLICT ("teamId") DO UPDATE SET "last" = "DecisionCounter"."last" + 1
    RETURNING "last"`;
  if (!row) throw new Error('decision counter returned no row');
  return row.last;
};

/**
 * Creates a DRAFT for an open task of the team. With `fromDecisionId` (a decision of the same task)
 * the fields not given are copied from it — its chosen candidate only while that is still live —
 * which is how "open a new decision from today's figures" starts.
 */
export const createDecision = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TDecisionCreate }) =>
  db.$transaction(async (tx) => {
    if (!actor.actorId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    await lockOpenTask(tx, input.teamId, input.taskId);
    const from = input.fromDecisionId
      ? await tx.decision.findFirst({
          where: { id: input.fromDecisionId, teamId: input.teamId },
          select: {
            number: true,
            taskId: true,
            title: true,
            context: true,
            consequences: true,
            chosenCandidateId: true,
            chosenCandidate: { select: { archivedAt: true } },
          },
        })
      : null;
    if (input.fromDecisionId && !from) throw decisionNotFound('fromDecisionId');
    if (from && from.taskId !== input.taskId) {
      throw invalid({ fromDecisionId: [`${decisionRef(from.number)} is a decision of another task.`] });
    }
    const title = input.title ?? from?.title;
    if (!title) throw invalid({ title: ['Give the decision a title, like "Read receipts on the phone".'] });
    const chosenCandidateId =
      input.chosenCandidateId !== undefined
        ? input.chosenCandidateId
        : from?.chosenCandidate && !from.chosenCandidate.archivedAt
          ? from.chosenCandidateId
          : null;
    if (chosenCandidateId) await checkChosen(tx, input.teamId, input.taskId, chosenCandidateId);
    const fields = {
      taskId: input.taskId,
      title,
      context: input.context ?? from?.context ?? '',
      consequences: input.consequences ?? from?.consequences ?? '',
      chosenCandidateId,
    };
    const number = await nextNumber(tx, input.teamId);
    const { id } = await tx.decision.create({
      data: { teamId: input.teamId, number, ...fields, createdById: actor.actorId },
      select: { id: true },
    });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'decision.created',
      entityType: 'decision',
      entityId: id,
      changes: creationFields({
        number,
        ...fields,
        status: 'DRAFT',
        ...(input.fromDecisionId ? { fromDecisionId: input.fromDecisionId } : {}),
        version: 1,
      }),
    });
    return loadDetail(tx, input.teamId, id);
  });

type Versioned = { teamId: string; decisionId: string; version: number };

const staleDecision = (tx: Tx, input: Versioned, currentVersion: number) =>
  staleVersionError(tx, {
    teamId: input.teamId,
    entityType: 'decision',
    entityId: input.decisionId,
    noun: 'decision',
    sinceVersion: input.version,
    currentVersion,
  });

/** The decision at the caller's version, in `status` (CONFLICT naming the state it is in otherwise). */
const loadForChange = async (tx: Tx, input: Versioned, status: 'DRAFT' | 'PROPOSED', refusal: string) => {
  const current = await tx.decision.findFirst({
    where: { id: input.decisionId, teamId: input.teamId },
    select: {
      taskId: true,
      number: true,
      title: true,
      context: true,
      consequences: true,
      chosenCandidateId: true,
      status: true,
      snapshotSha256: true,
      version: true,
      task: { select: { archivedAt: true } },
    },
  });
  if (!current) throw decisionNotFound();
  if (current.version !== input.version) throw await staleDecision(tx, input, current.version);
  if (current.status !== status) {
    throw new AppError('CONFLICT', `${decisionRef(current.number)} is ${STATUS_WORDS[current.status]}: ${refusal}`);
  }
  return current;
};

/** Writes `data` only if the decision is still at the caller's version and in `status`. */
const writeAtVersion = async (
  tx: Tx,
  input: Versioned,
  status: 'DRAFT' | 'PROPOSED',
  data: Prisma.DecisionUncheckedUpdateManyInput,
) => {
  const { count } = await tx.decision.updateMany({
    where: { id: input.decisionId, teamId: input.teamId, version: input.version, status },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.decision.findFirst({
      where: { id: input.decisionId, teamId: input.teamId },
      select: { version: true },
    });
    if (!now) throw decisionNotFound();
    throw await staleDecision(tx, input, now.version);
  }
};

const FROZEN =
  'its content is frozen while people sign it. Withdraw it to edit it (the sign-offs so far stay on record), then propose it again.';

/** Changes a DRAFT's title, context, consequences or chosen candidate at the caller's version. */
export const updateDecision = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TDecisionUpdate }) =>
  db.$transaction(async (tx) => {
    const current = await loadForChange(tx, input, 'DRAFT', FROZEN);
    if (current.task.archivedAt) throw taskArchived();
    const patch: Record<string, unknown> = {};
    for (const field of ['title', 'context', 'consequences', 'chosenCandidateId'] as const) {
      if (input[field] !== undefined) patch[field] = input[field];
    }
    if (typeof patch.chosenCandidateId === 'string' && patch.chosenCandidateId !== current.chosenCandidateId) {
      await checkChosen(tx, input.teamId, current.taskId, patch.chosenCandidateId);
    }
    const changes = diffFields(current, patch);
    await writeAtVersion(tx, input, 'DRAFT', patch as Prisma.DecisionUncheckedUpdateManyInput);
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'decision.updated',
      entityType: 'decision',
      entityId: input.decisionId,
      changes: { ...changes, version: { old: input.version, new: input.version + 1 } },
    });
    return loadDetail(tx, input.teamId, input.decisionId);
  });

/**
 * Proposes a DRAFT: freezes the snapshot (in the same SERIALIZABLE transaction, so it is the state
 * the proposal commits against), stores its hash and the estimator's version, and copies the
 * team's sign-off policy. Needs a chosen, live candidate of an open task.
 */
export const proposeDecision = async ({
  db,
  actor,
  input,
  retry,
}: {
  db: Db;
  actor: AuditActor;
  input: TDecisionTransition;
  retry?: SerializableOptions;
}) => {
  const { value } = await runSerializable(
    db,
    async (tx) => {
      if (!actor.actorId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
      const current = await loadForChange(
        tx,
        input,
        'DRAFT',
        'only a draft can be proposed. Open a new decision to change what it says.',
      );
      if (current.task.archivedAt) throw taskArchived();
      if (!current.chosenCandidateId) {
        throw invalid({ chosenCandidateId: ['Choose the candidate this decision picks before proposing it.'] });
      }
      await checkChosen(tx, input.teamId, current.taskId, current.chosenCandidateId);
      const policy = await currentPolicy(tx, input.teamId);
      const proposer = await tx.user.findUniqueOrThrow({
        where: { id: actor.actorId },
        select: { id: true, displayName: true },
      });
      const snapshot = await buildSnapshot(tx, {
        teamId: input.teamId,
        taskId: current.taskId,
        decision: {
          id: input.decisionId,
          number: current.number,
          title: current.title,
          context: current.context,
          consequences: current.consequences,
          chosenCandidateId: current.chosenCandidateId,
          proposedBy: proposer,
          requiredCapacities: policy.requiredCapacities,
        },
        now: actor.now,
      });
      const sha = snapshotSha256(snapshot);
      await writeAtVersion(tx, input, 'DRAFT', {
        status: 'PROPOSED',
        proposedById: actor.actorId,
        proposedAt: actor.now,
        requiredCapacities: policy.requiredCapacities,
        snapshot: snapshot as unknown as Prisma.InputJsonValue,
        snapshotSha256: sha,
        estimatorVersion: snapshot.estimatorVersion,
      });
      await appendAudit(tx, actor, {
        teamId: input.teamId,
        action: 'decision.proposed',
        entityType: 'decision',
        entityId: input.decisionId,
        changes: {
          status: { old: 'DRAFT', new: 'PROPOSED' },
          proposedAt: { old: null, new: actor.now.toISOString() },
          snapshotSha256: { old: null, new: hex(sha) },
          estimatorVersion: { old: null, new: snapshot.estimatorVersion },
          requiredCapacities: { old: [], new: policy.requiredCapacities },
          version: { old: input.version, new: input.version + 1 },
        },
      });
      return loadDetail(tx, input.teamId, input.decisionId);
    },
    retry,
  );
  return value;
};

/**
 * Withdraws a PROPOSED decision back to DRAFT so it can be edited: the snapshot is dropped (the
 * audit event keeps its hash) and sign-offs made against it stay on record but no longer count.
 */
export const withdrawDecision = async ({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: AuditActor;
  input: TDecisionTransition;
}) =>
  db.$transaction(async (tx) => {
    const current = await loadForChange(
      tx,
      input,
      'PROPOSED',
      'only a proposed decision can be withdrawn. Open a new decision to revisit it.',
    );
    await writeAtVersion(tx, input, 'PROPOSED', {
      status: 'DRAFT',
      proposedById: null,
      proposedAt: null,
      requiredCapacities: [],
      snapshot: Prisma.DbNull,
      snapshotSha256: null,
      estimatorVersion: null,
    });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'decision.withdrawn',
      entityType: 'decision',
      entityId: input.decisionId,
      changes: {
        status: { old: 'PROPOSED', new: 'DRAFT' },
        snapshotSha256: { old: current.snapshotSha256 ? hex(current.snapshotSha256) : null, new: null },
        version: { old: input.version, new: input.version + 1 },
      },
    });
    return loadDetail(tx, input.teamId, input.decisionId);
  });

// ---------------------------------------------------------------------------------------------
// Sign-off

const capacityList = (capacities: readonly Capacity[]) => (capacities.length === 0 ? 'none' : capacities.join(', '));

const notHeld = (capacity: Capacity, held: readonly Capacity[]) =>
  new AppError(
    'FORBIDDEN',
    `You do not sign as ${capacity} in this team (your capacities: ${capacityList(held)}). An admin can give you the capacity.`,
    { fieldErrors: { capacity: [`You do not hold the ${capacity} capacity in this team.`] } },
  );

interface LockedDecision {
  status: DecisionRow['status'];
  number: number;
  taskId: string;
  proposedById: string | null;
  snapshotSha256: Uint8Array<ArrayBuffer> | null;
  requiredCapacities: Capacity[];
  version: number;
  acceptedAt: Date | null;
  rejectedAt: Date | null;
}

export interface SignOffOptions {
  db: Db;
  actor: AuditActor;
  input: TDecisionSignOff;
  /** The client's network address: re-entered passwords are throttled per address as at sign-in. */
  clientAddress: string;
  verify?: PasswordVerifier;
  retry?: SerializableOptions;
  /**
   * Runs inside each attempt after the checks and before the writes. Tests use it to make a
   * concurrent change land at a known point; nothing else should.
   */
  beforeWrite?: (attempt: number) => Promise<void>;
}

/**
 * Signs a PROPOSED decision in one capacity, against the snapshot hash the signer was shown, after
 * the signer re-enters their password. The capacity must be held by the signer (FORBIDDEN) and
 * required by the decision's policy (INVALID); each signer signs each capacity once per proposal;
 * a stale hash or a decision no longer PROPOSED is a CONFLICT. A REJECT makes it REJECTED; the
 * APPROVE that completes the required capacities makes it ACCEPTED and supersedes the task's
 * previously accepted decision. One audit event: `decision.signed_off`, `decision.accepted` or
 * `decision.rejected`, each carrying the sign-off. Returns the sign-off, the decision's new state,
 * and how many attempts the SERIALIZABLE transaction took.
 */
export const signOffDecision = async ({
  db,
  actor,
  input,
  clientAddress,
  verify,
  retry,
  beforeWrite,
}: SignOffOptions) => {
  const signerId = actor.actorId;
  if (!signerId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  // Cheap refusals first, so that a call which cannot succeed spends no password attempt.
  const exists = await db.decision.findFirst({
    where: { id: input.decisionId, teamId: input.teamId },
    select: { id: true },
  });
  if (!exists) throw decisionNotFound();
  const before = await db.membership.findUnique({
    where: { teamId_userId: { teamId: input.teamId, userId: signerId } },
    select: { capacities: true },
  });
  if (!before) throw new AppError('NOT_FOUND', 'Team not found.');
  if (!before.capacities.includes(input.capacity)) throw notHeld(input.capacity, before.capacities);
  await confirmPassword({ db, userId: signerId, password: input.password, clientAddress, now: actor.now, verify });

  const { value, attempts } = await runSerializable(
    db,
    async (tx, attempt) => {
      // Sign-offs of one decision queue here; a withdrawal waits for them or they for it.
      const [decision] = await tx.$queryRaw<LockedDecision[]>`
        SELECT status, number, "taskId"::text AS "taskId", "proposedById"::text AS "proposedById", "snapshotSha256",
               "requiredCapacities"::text[] AS "requiredCapacities", version, "acceptedAt", "rejectedAt"
        FROM "Decision" WHERE id = ${input.decisionId}::uuid AND "teamId" = ${input.teamId}::uuid
        FOR UPDATE`;
      if (!decision) throw decisionNotFound();
      const ref = decisionRef(decision.number);
      if (decision.status !== 'PROPOSED') {
        const when = decision.acceptedAt ?? decision.rejectedAt;
        throw new AppError(
          'CONFLICT',
          decision.status === 'DRAFT'
            ? `${ref} was withdrawn to be edited: there is nothing to sign until it is proposed again.`
            : `${ref} is already ${STATUS_WORDS[decision.status]}${when ? ` (${when.toISOString()})` : ''}: it takes no more sign-offs.`,
        );
      }
      if (!decision.snapshotSha256 || hex(decision.snapshotSha256) !== input.snapshotSha256) {
        throw new AppError(
          'CONFLICT',
          `${ref} has been withdrawn and proposed again since you reviewed it: the snapshot you signed is not the current one. Review the current snapshot and sign again.`,
          { fieldErrors: { snapshotSha256: ['This is not the current snapshot of the decision.'] } },
        );
      }
      if (!decision.requiredCapacities.includes(input.capacity)) {
        throw invalid({
          capacity: [
            `${ref} needs sign-off as ${capacityList(decision.requiredCapacities)}; ${input.capacity} is not among them.`,
          ],
        });
      }
      const member = await tx.membership.findUnique({
        where: { teamId_userId: { teamId: input.teamId, userId: signerId } },
        select: { capacities: true, user: { select: { displayName: true } } },
      });
      if (!member) throw new AppError('NOT_FOUND', 'Team not found.');
      if (!member.capacities.includes(input.capacity)) throw notHeld(input.capacity, member.capacities);
      if (input.verdict === 'APPROVE' && decision.proposedById === signerId) {
        throw new AppError(
          'FORBIDDEN',
          `You proposed ${ref}, so someone else must approve it (you may still reject it).`,
          { fieldErrors: { verdict: ['The proposer cannot approve their own decision.'] } },
        );
      }
      const signed = await tx.signOff.findMany({
        where: { teamId: input.teamId, decisionId: input.decisionId, snapshotSha256: decision.snapshotSha256 },
        select: signOffSelect,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const mine = signed.find((s) => s.userId === signerId && s.capacity === input.capacity);
      if (mine) {
        throw new AppError(
          'CONFLICT',
          `You already signed ${ref} as ${input.capacity} (${mine.verdict === 'APPROVE' ? 'approved' : 'rejected'} at ${mine.createdAt.toISOString()}).`,
        );
      }
      await beforeWrite?.(attempt);

      const signOff = await tx.signOff.create({
        data: {
          teamId: input.teamId,
          decisionId: input.decisionId,
          userId: signerId,
          signerName: member.user.displayName,
          capacity: input.capacity,
          verdict: input.verdict,
          comment: input.comment,
          snapshotSha256: decision.snapshotSha256,
          createdAt: actor.now,
        },
        select: signOffSelect,
      });
      const signOffChange: AuditValue = {
        id: signOff.id,
        userId: signerId,
        capacity: signOff.capacity,
        verdict: signOff.verdict,
        comment: signOff.comment,
        snapshotSha256: input.snapshotSha256,
      };
      const approved = new Set([...signed, signOff].filter((s) => s.verdict === 'APPROVE').map((s) => s.capacity));
      const pending = decision.requiredCapacities.filter((c) => !approved.has(c));
      const version = { old: decision.version, new: decision.version + 1 };
      let outcome: 'RECORDED' | 'ACCEPTED' | 'REJECTED' = 'RECORDED';
      let supersededId: string | null = null;

      if (input.verdict === 'REJECT') {
        outcome = 'REJECTED';
        await tx.decision.update({
          where: { id: input.decisionId },
          data: { status: 'REJECTED', rejectedAt: actor.now, version: { increment: 1 } },
          select: { id: true },
        });
        await appendAudit(tx, actor, {
          teamId: input.teamId,
          action: 'decision.rejected',
          entityType: 'decision',
          entityId: input.decisionId,
          changes: {
            signOff: { new: signOffChange },
            status: { old: 'PROPOSED', new: 'REJECTED' },
            rejectedAt: { old: null, new: actor.now.toISOString() },
            version,
          },
        });
      } else if (pending.length === 0) {
        outcome = 'ACCEPTED';
        // The task's accepted decision, if any, is superseded in this same transaction.
        const previous = await tx.decision.findFirst({
          where: { teamId: input.teamId, taskId: decision.taskId, status: 'ACCEPTED', id: { not: input.decisionId } },
          select: { id: true, number: true, version: true },
        });
        if (previous) {
          supersededId = previous.id;
          await tx.decision.update({
            where: { id: previous.id },
            data: {
              status: 'SUPERSEDED',
              supersededById: input.decisionId,
              supersededAt: actor.now,
              version: { increment: 1 },
            },
            select: { id: true },
          });
        }
        await tx.decision.update({
          where: { id: input.decisionId },
          data: {
            status: 'ACCEPTED',
            acceptedAt: actor.now,
            supersedesId: previous?.id ?? null,
            version: { increment: 1 },
          },
          select: { id: true },
        });
        await appendAudit(tx, actor, {
          teamId: input.teamId,
          action: 'decision.accepted',
          entityType: 'decision',
          entityId: input.decisionId,
          changes: {
            signOff: { new: signOffChange },
            status: { old: 'PROPOSED', new: 'ACCEPTED' },
            acceptedAt: { old: null, new: actor.now.toISOString() },
            ...(previous
              ? {
                  supersedesId: { old: null, new: previous.id },
                  superseded: {
                    new: {
                      id: previous.id,
                      ref: decisionRef(previous.number),
                      status: { old: 'ACCEPTED', new: 'SUPERSEDED' },
                      version: { old: previous.version, new: previous.version + 1 },
                    },
                  },
                }
              : {}),
            version,
          },
        });
      } else {
        await appendAudit(tx, actor, {
          teamId: input.teamId,
          action: 'decision.signed_off',
          entityType: 'decision',
          entityId: input.decisionId,
          changes: { signOff: { new: signOffChange }, pendingCapacities: { new: pending } },
        });
      }
      return {
        outcome,
        signOff: presentSignOff(signOff, decision.snapshotSha256),
        decision: {
          id: input.decisionId,
          ref,
          status: outcome === 'RECORDED' ? ('PROPOSED' as const) : outcome,
          version: outcome === 'RECORDED' ? decision.version : decision.version + 1,
          pendingCapacities: outcome === 'ACCEPTED' ? [] : pending,
          supersededId,
        },
      };
    },
    retry,
  );
  return { ...value, attempts };
};

/** The decision's snapshot and hash as stored, for the export and for verification. */
export const loadSnapshot = async (db: Db, teamId: string, decisionId: string) => {
  const row = await db.decision.findFirst({
    where: { id: decisionId, teamId },
    select: { snapshot: true, snapshotSha256: true },
  });
  if (!row) throw decisionNotFound();
  return { snapshot: storedSnapshot(row.snapshot) as DecisionSnapshot | null, sha256: row.snapshotSha256 };
};
