import type { Db, Prisma } from '@rightsize/db';
import type { TProjectArchive, TProjectCreate, TProjectFind, TProjectGet, TProjectUpdate } from '@rightsize/validators';
import { AppError } from '../errors.ts';
import { appendAudit, creationFields, diffFields, type AuditActor } from './audit.ts';
import { staleVersionError } from './conflict.ts';

type Tx = Prisma.TransactionClient;

const projectSelect = {
  id: true,
  name: true,
  description: true,
  archivedAt: true,
  createdAt: true,
  version: true,
} as const satisfies Prisma.ProjectSelect;

export const projectNotFound = () =>
  new AppError('NOT_FOUND', 'Project not found.', { fieldErrors: { projectId: ['No such project in this team.'] } });

const projectArchived = () =>
  new AppError('CONFLICT', 'This project is archived: it can no longer be changed or take new tasks.', {
    fieldErrors: { projectId: ['This project is archived.'] },
  });

/**
 * Locks a project of the team against archiving until commit (FOR SHARE) and checks it can take
 * tasks: another team's project is NOT_FOUND, an archived one CONFLICT.
 */
export const lockOpenProject = async (tx: Tx, teamId: string, projectId: string) => {
  const [project] = await tx.$queryRaw<{ archivedAt: Date | null }[]>`
    SELECT "archivedAt" FROM "Project" WHERE id = ${projectId}::uuid AND "teamId" = ${teamId}::uuid FOR SHARE`;
  if (!project) throw projectNotFound();
  if (project.archivedAt) throw projectArchived();
};

export const createProject = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TProjectCreate }) =>
  db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: { teamId: input.teamId, name: input.name, description: input.description },
      select: projectSelect,
    });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'project.created',
      entityType: 'project',
      entityId: project.id,
      changes: creationFields({ name: project.name, description: project.description, version: project.version }),
    });
    return project;
  });

/** The team's projects by name, with how many open tasks each has; archived ones only on request. */
export const findProjects = async ({ db, input }: { db: Db; input: TProjectFind }) => {
  const projects = await db.project.findMany({
    where: { teamId: input.teamId, ...(input.includeArchived ? {} : { archivedAt: null }) },
    select: { ...projectSelect, _count: { select: { tasks: { where: { archivedAt: null } } } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return projects.map(({ _count, ...project }) => ({ ...project, taskCount: _count.tasks }));
};

export const getProject = async ({ db, input }: { db: Db; input: TProjectGet }) => {
  const project = await db.project.findFirst({
    where: { id: input.projectId, teamId: input.teamId },
    select: { ...projectSelect, _count: { select: { tasks: { where: { archivedAt: null } } } } },
  });
  if (!project) throw projectNotFound();
  const { _count, ...rest } = project;
  return { ...rest, taskCount: _count.tasks };
};

/** Reads the project for a change and refuses a foreign id, a stale version or an archived project. */
const loadForChange = async (tx: Tx, input: { teamId: string; projectId: string; version: number }) => {
  const current = await tx.project.findFirst({
    where: { id: input.projectId, teamId: input.teamId },
    select: { name: true, description: true, archivedAt: true, version: true },
  });
  if (!current) throw projectNotFound();
  if (current.version !== input.version) throw await staleProject(tx, input, current.version);
  if (current.archivedAt) throw projectArchived();
  return current;
};

const staleProject = (tx: Tx, input: { teamId: string; projectId: string; version: number }, currentVersion: number) =>
  staleVersionError(tx, {
    teamId: input.teamId,
    entityType: 'project',
    entityId: input.projectId,
    noun: 'project',
    sinceVersion: input.version,
    currentVersion,
  });

/** Writes `data` only if the row is still at the caller's version; otherwise names who changed it. */
const writeAtVersion = async (
  tx: Tx,
  input: { teamId: string; projectId: string; version: number },
  data: Prisma.ProjectUpdateManyMutationInput,
) => {
  const { count } = await tx.project.updateMany({
    where: { id: input.projectId, teamId: input.teamId, version: input.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.project.findFirst({
      where: { id: input.projectId, teamId: input.teamId },
      select: { version: true },
    });
    if (!now) throw projectNotFound();
    throw await staleProject(tx, input, now.version);
  }
  return tx.project.findFirstOrThrow({ where: { id: input.projectId, teamId: input.teamId }, select: projectSelect });
};

export const updateProject = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TProjectUpdate }) =>
  db.$transaction(async (tx) => {
    const current = await loadForChange(tx, input);
    const patch = { name: input.name, description: input.description };
    const changes = diffFields(current, patch);
    const project = await writeAtVersion(tx, input, patch);
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'project.updated',
      entityType: 'project',
      entityId: input.projectId,
      changes: { ...changes, version: { old: input.version, new: project.version } },
    });
    return project;
  });

/** Archives a project: it leaves the lists and takes no new tasks; decisions citing it keep it. */
export const archiveProject = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TProjectArchive }) =>
  db.$transaction(async (tx) => {
    await loadForChange(tx, input);
    const project = await writeAtVersion(tx, input, { archivedAt: actor.now });
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'project.archived',
      entityType: 'project',
      entityId: input.projectId,
      changes: {
        archivedAt: { old: null, new: actor.now.toISOString() },
        version: { old: input.version, new: project.version },
      },
    });
    return project;
  });
