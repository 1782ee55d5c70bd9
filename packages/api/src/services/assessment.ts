import {
  smallLetterInitials,
  smallLetterNames,
  smallReading,
  type SmallLetterId,
  type SmallVerdict,
} from '@rightsize/core';
import type { Db, Prisma } from '@rightsize/db';
import {
  SMALL_LETTERS,
  type TAssessmentGet,
  type TEvidenceAdd,
  type TEvidenceRemove,
  type TSetLetter,
} from '@rightsize/validators';
import { AppError } from '../errors.ts';
import { appendAudit, creationFields, diffFields, type AuditActor } from './audit.ts';
import { staleVersionError } from './conflict.ts';
import { taskArchived, taskNotFound } from './task.ts';

type Tx = Prisma.TransactionClient;

const evidenceSelect = {
  id: true,
  letter: true,
  kind: true,
  title: true,
  url: true,
  body: true,
  metricName: true,
  metricValue: true,
  metricUnit: true,
  sampleSize: true,
  measuredOn: true,
  source: true,
  createdById: true,
  createdAt: true,
} as const satisfies Prisma.EvidenceSelect;

type EvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;

type Person = { id: string; displayName: string };

/** Display names of the given users: letters and evidence keep ids only (no relation to User). */
const people = async (db: Db | Tx, ids: (string | null)[]): Promise<Map<string, Person>> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((user) => [user.id, user]));
};

const personOf = (map: Map<string, Person>, id: string | null): Person | null =>
  id === null ? null : (map.get(id) ?? { id, displayName: 'A former member' });

/** Evidence as returned: the date as YYYY-MM-DD, the author by name. */
const presentEvidence = ({ createdById, measuredOn, ...row }: EvidenceRow, map: Map<string, Person>) => ({
  ...row,
  measuredOn: measuredOn ? measuredOn.toISOString().slice(0, 10) : null,
  createdBy: personOf(map, createdById),
});

/** The task of the team, or NOT_FOUND; archived tasks are refused for changes. */
const openTask = async (tx: Tx, teamId: string, taskId: string) => {
  const task = await tx.task.findFirst({ where: { id: taskId, teamId }, select: { archivedAt: true } });
  if (!task) throw taskNotFound();
  if (task.archivedAt) throw taskArchived();
};

/**
 * A task's SMALL assessment: the five letters in acronym order, each with its verdict, rationale,
 * who set it and when, its version, and its live (not removed) evidence; and the overall reading.
 */
export const getAssessment = async ({ db, input }: { db: Db; input: TAssessmentGet }) => {
  const task = await db.task.findFirst({
    where: { id: input.taskId, teamId: input.teamId },
    select: {
      id: true,
      name: true,
      archivedAt: true,
      letters: {
        select: { id: true, letter: true, verdict: true, rationale: true, setById: true, setAt: true, version: true },
      },
    },
  });
  if (!task) throw taskNotFound();
  const evidence = await db.evidence.findMany({
    where: { teamId: input.teamId, taskId: task.id, removedAt: null },
    select: evidenceSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const map = await people(db, [...task.letters.map((l) => l.setById), ...evidence.map((e) => e.createdById)]);
  const letters = SMALL_LETTERS.map((letter) => {
    const row = task.letters.find((l) => l.letter === letter);
    // Every task is created with its five letters; a missing one would be a broken invariant.
    if (!row) throw new Error(`task ${task.id} has no ${letter} letter`);
    return {
      letter,
      name: smallLetterNames[letter],
      initial: smallLetterInitials[letter],
      verdict: row.verdict,
      rationale: row.rationale,
      setBy: personOf(map, row.setById),
      setAt: row.setAt,
      version: row.version,
      evidence: evidence.filter((e) => e.letter === letter).map((e) => presentEvidence(e, map)),
    };
  });
  const verdicts = Object.fromEntries(letters.map((l) => [l.letter, l.verdict])) as Record<SmallLetterId, SmallVerdict>;
  return {
    taskId: task.id,
    taskName: task.name,
    archived: task.archivedAt !== null,
    letters,
    reading: smallReading(verdicts),
  };
};

/** Sets one letter's verdict and rationale at the caller's version of that letter. */
export const setLetter = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TSetLetter }) =>
  db.$transaction(async (tx) => {
    await openTask(tx, input.teamId, input.taskId);
    const current = await tx.assessmentLetter.findFirst({
      where: { teamId: input.teamId, taskId: input.taskId, letter: input.letter },
      select: { id: true, verdict: true, rationale: true, version: true },
    });
    if (!current) throw taskNotFound();
    const stale = (currentVersion: number) =>
      staleVersionError(tx, {
        teamId: input.teamId,
        entityType: 'assessmentLetter',
        entityId: current.id,
        noun: `letter (${smallLetterNames[input.letter]})`,
        sinceVersion: input.version,
        currentVersion,
      });
    if (current.version !== input.version) throw await stale(current.version);
    const patch = { verdict: input.verdict, rationale: input.rationale };
    const changes = diffFields(current, patch);
    const { count } = await tx.assessmentLetter.updateMany({
      where: { id: current.id, teamId: input.teamId, version: input.version },
      data: { ...patch, setById: actor.actorId, setAt: actor.now, version: { increment: 1 } },
    });
    if (count !== 1) {
      const now = await tx.assessmentLetter.findFirstOrThrow({ where: { id: current.id }, select: { version: true } });
      throw await stale(now.version);
    }
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'assessment.letter_set',
      entityType: 'assessmentLetter',
      entityId: current.id,
      changes: { ...changes, version: { old: input.version, new: input.version + 1 } },
    });
    return {
      letter: input.letter,
      verdict: input.verdict,
      rationale: input.rationale,
      setAt: actor.now,
      version: input.version + 1,
    };
  });

/** The columns of one kind of evidence; the others stay null. */
const evidenceData = (input: TEvidenceAdd) => {
  switch (input.kind) {
    case 'LINK':
      return { title: input.title, url: input.url };
    case 'NOTE':
      return { title: input.title, body: input.body };
    case 'METRIC':
      return {
        title: input.title ?? input.metricName,
        metricName: input.metricName,
        metricValue: input.metricValue,
        metricUnit: input.metricUnit,
        sampleSize: input.sampleSize ?? null,
        measuredOn: input.measuredOn ? new Date(`${input.measuredOn}T00:00:00.000Z`) : null,
        source: input.source ?? null,
      };
  }
};

const authorOf = (actor: AuditActor) => {
  if (!actor.actorId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return actor.actorId;
};

/** Adds a link, a note or a metric to one letter of a task of the team. */
export const addEvidence = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TEvidenceAdd }) =>
  db.$transaction(async (tx) => {
    await openTask(tx, input.teamId, input.taskId);
    const data = evidenceData(input);
    const row = await tx.evidence.create({
      data: {
        teamId: input.teamId,
        taskId: input.taskId,
        letter: input.letter,
        kind: input.kind,
        createdById: authorOf(actor),
        ...data,
      },
      select: evidenceSelect,
    });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'evidence.added',
      entityType: 'evidence',
      entityId: row.id,
      changes: creationFields({
        taskId: input.taskId,
        letter: input.letter,
        kind: input.kind,
        ...data,
        measuredOn: data.measuredOn?.toISOString().slice(0, 10),
        version: 1,
      }),
    });
    return presentEvidence(row, await people(tx, [row.createdById]));
  });

const evidenceNotFound = () =>
  new AppError('NOT_FOUND', 'Evidence not found: it may have been removed already.', {
    fieldErrors: { evidenceId: ['No such evidence in this team.'] },
  });

/** Removes evidence softly: it leaves the assessment but stays for decisions that cited it. */
export const removeEvidence = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TEvidenceRemove }) =>
  db.$transaction(async (tx) => {
    const current = await tx.evidence.findFirst({
      where: { id: input.evidenceId, teamId: input.teamId, removedAt: null },
      select: { version: true, task: { select: { archivedAt: true } } },
    });
    if (!current) throw evidenceNotFound();
    if (current.task.archivedAt) throw taskArchived();
    const { count } = await tx.evidence.updateMany({
      where: { id: input.evidenceId, teamId: input.teamId, removedAt: null },
      data: { removedAt: actor.now, removedById: authorOf(actor), version: { increment: 1 } },
    });
    // Of two concurrent removals one wins; the other finds nothing left to remove.
    if (count !== 1) throw evidenceNotFound();
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'evidence.removed',
      entityType: 'evidence',
      entityId: input.evidenceId,
      changes: {
        removedAt: { old: null, new: actor.now.toISOString() },
        version: { old: current.version, new: current.version + 1 },
      },
    });
    return { evidenceId: input.evidenceId, removedAt: actor.now };
  });
