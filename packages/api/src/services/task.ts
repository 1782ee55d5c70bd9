import { smallReading, type SmallLetterId, type SmallVerdict } from '@rightsize/core';
import type { Db, Prisma } from '@rightsize/db';
import {
  SMALL_LETTERS,
  taskRuleIssues,
  type TTaskArchive,
  type TTaskCreate,
  type TTaskFind,
  type TTaskGet,
  type TTaskUpdate,
} from '@rightsize/validators';
import { AppError } from '../errors.ts';
import { appendAudit, creationFields, diffFields, type AuditActor } from './audit.ts';
import { staleVersionError } from './conflict.ts';
import { lockOpenProject, projectNotFound } from './project.ts';
import { taskBudgetsSelect } from './task-budgets.ts';

type Tx = Prisma.TransactionClient;

/** The columns a user edits, with the project and the row's state. */
const editableSelect = {
  projectId: true,
  name: true,
  description: true,
  ...taskBudgetsSelect,
  qualityMetric: true,
  archivedAt: true,
  version: true,
} as const satisfies Prisma.TaskSelect;

/** The task as every procedure returns it: its budgets, its project, and no other team's ids. */
const taskSelect = {
  id: true,
  ...editableSelect,
  createdAt: true,
  project: { select: { id: true, name: true, archivedAt: true } },
  letters: { select: { letter: true, verdict: true } },
} as const satisfies Prisma.TaskSelect;

type TaskRow = Prisma.TaskGetPayload<{ select: typeof taskSelect }>;

/** The row with its SMALL reading in place of the raw letters. */
const present = ({ letters, ...task }: TaskRow) => {
  const verdicts = Object.fromEntries(SMALL_LETTERS.map((letter) => [letter, 'UNKNOWN'])) as Record<
    SmallLetterId,
    SmallVerdict
  >;
  for (const { letter, verdict } of letters) verdicts[letter] = verdict;
  return { ...task, verdicts, small: smallReading(verdicts) };
};

export const taskNotFound = () =>
  new AppError('NOT_FOUND', 'Task not found.', { fieldErrors: { taskId: ['No such task in this team.'] } });

export const taskArchived = () => new AppError('CONFLICT', 'This task is archived: it can no longer be changed.');

const rulesOrThrow = (task: Parameters<typeof taskRuleIssues>[0]) => {
  const issues = taskRuleIssues(task);
  if (issues.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const { field, message } of issues) (fieldErrors[field] ??= []).push(message);
  throw new AppError('INVALID', issues.map((issue) => issue.message).join(' '), { fieldErrors });
};

/**
 * Creates a task in an open project of the team, with its five SMALL letters (all UNKNOWN), in one
 * transaction with one audit event.
 */
export const createTask = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TTaskCreate }) =>
  db.$transaction(async (tx) => {
    await lockOpenProject(tx, input.teamId, input.projectId);
    const { teamId, projectId, ...fields } = input;
    const data = {
      ...fields,
      inputTokensP95: fields.inputTokensP95 ?? fields.inputTokens,
      outputTokensP95: fields.outputTokensP95 ?? fields.outputTokens,
    };
    rulesOrThrow(data);
    const { id } = await tx.task.create({ data: { teamId, projectId, ...data }, select: { id: true } });
    await tx.assessmentLetter.createMany({ data: SMALL_LETTERS.map((letter) => ({ teamId, taskId: id, letter })) });
    const task = await tx.task.findFirstOrThrow({ where: { id, teamId }, select: taskSelect });
    await appendAudit(tx, actor, {
      teamId,
      action: 'task.created',
      entityType: 'task',
      entityId: id,
      changes: creationFields({ projectId, ...data, version: task.version }),
    });
    return present(task);
  });

/**
 * The team's tasks by name, each with its SMALL reading; of one project when `projectId` is given.
 * Archived tasks, and tasks of archived projects, only with `includeArchived`.
 */
export const findTasks = async ({ db, input }: { db: Db; input: TTaskFind }) => {
  if (input.projectId) {
    const project = await db.project.findFirst({
      where: { id: input.projectId, teamId: input.teamId },
      select: { id: true },
    });
    if (!project) throw projectNotFound();
  }
  const tasks = await db.task.findMany({
    where: {
      teamId: input.teamId,
      ...(input.projectId ? { projectId: input.projectId } : {}),
      ...(input.includeArchived ? {} : { archivedAt: null, project: { archivedAt: null } }),
    },
    select: taskSelect,
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return tasks.map(present);
};

export const getTask = async ({ db, input }: { db: Db; input: TTaskGet }) => {
  const task = await db.task.findFirst({ where: { id: input.taskId, teamId: input.teamId }, select: taskSelect });
  if (!task) throw taskNotFound();
  return present(task);
};

const staleTask = (tx: Tx, input: { teamId: string; taskId: string; version: number }, currentVersion: number) =>
  staleVersionError(tx, {
    teamId: input.teamId,
    entityType: 'task',
    entityId: input.taskId,
    noun: 'task',
    sinceVersion: input.version,
    currentVersion,
  });

const loadForChange = async (tx: Tx, input: { teamId: string; taskId: string; version: number }) => {
  const current = await tx.task.findFirst({
    where: { id: input.taskId, teamId: input.teamId },
    select: editableSelect,
  });
  if (!current) throw taskNotFound();
  if (current.version !== input.version) throw await staleTask(tx, input, current.version);
  if (current.archivedAt) throw taskArchived();
  return current;
};

/** Writes `data` only if the task is still at the caller's version; otherwise names who changed it. */
const writeAtVersion = async (
  tx: Tx,
  input: { teamId: string; taskId: string; version: number },
  data: Prisma.TaskUncheckedUpdateManyInput,
) => {
  const { count } = await tx.task.updateMany({
    where: { id: input.taskId, teamId: input.teamId, version: input.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.task.findFirst({
      where: { id: input.taskId, teamId: input.teamId },
      select: { version: true },
    });
    if (!now) throw taskNotFound();
    throw await staleTask(tx, input, now.version);
  }
  return tx.task.findFirstOrThrow({ where: { id: input.taskId, teamId: input.teamId }, select: taskSelect });
};

/**
 * Applies a partial patch at the caller's version. The rules between fields are checked on the
 * stored task with the patch applied; moving to another project needs an open project of the team.
 */
export const updateTask = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TTaskUpdate }) =>
  db.$transaction(async (tx) => {
    const current = await loadForChange(tx, input);
    const { teamId, taskId: _taskId, version: _version, ...requested } = input;
    const patch = Object.fromEntries(Object.entries(requested).filter(([, value]) => value !== undefined));
    if (patch.projectId !== undefined && patch.projectId !== current.projectId) {
      await lockOpenProject(tx, teamId, input.projectId!);
    }
    rulesOrThrow({ ...current, ...patch });
    const changes = diffFields(current, patch);
    const task = await writeAtVersion(tx, input, patch);
    await appendAudit(tx, actor, {
      teamId,
      action: 'task.updated',
      entityType: 'task',
      entityId: input.taskId,
      changes: { ...changes, version: { old: input.version, new: task.version } },
    });
    return present(task);
  });

/** Archives a task: it leaves the lists and can no longer change; decisions citing it keep it. */
export const archiveTask = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TTaskArchive }) =>
  db.$transaction(async (tx) => {
    await loadForChange(tx, input);
    const task = await writeAtVersion(tx, input, { archivedAt: actor.now });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'task.archived',
      entityType: 'task',
      entityId: input.taskId,
      changes: {
        archivedAt: { old: null, new: actor.now.toISOString() },
        version: { old: input.version, new: task.version },
      },
    });
    return present(task);
  });
