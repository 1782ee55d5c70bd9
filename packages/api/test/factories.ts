// Test data on a real database: users, teams with one member per role, and callers that go
// through the same router, middleware and services as HTTP.
import { createSession, hashPassword, type SessionUser } from '@rightsize/auth';
import type { Capacity, Db, Role } from '@rightsize/db';
import { randomUUID } from 'node:crypto';
import type { Context } from '../src/context.ts';
import {
  ZCandidateCreate,
  ZTaskCreate,
  type TCandidateCreate,
  type TCandidateKind,
  type TCandidateSpec,
  type TTaskCreateInput,
} from '@rightsize/validators';
import { appendAudit, type AuditActor } from '../src/services/audit.ts';
import { createCandidate as createCandidateService } from '../src/services/candidate.ts';
import { createProject as createProjectService } from '../src/services/project.ts';
import { createTask as createTaskService } from '../src/services/task.ts';
import { createCaller } from '../src/router.ts';

/** The password every factory user has (not on the common-password list). */
export const TEST_PASSWORD = 'factory-password-93';

// Hashing takes ~25 ms; one hash shared by every factory user keeps suites fast.
let sharedHash: Promise<string> | undefined;
const passwordHash = () => (sharedHash ??= hashPassword(TEST_PASSWORD));

export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export const createUser = async (
  db: Db,
  { email = uniqueEmail(), displayName = 'Test User' } = {},
): Promise<SessionUser> =>
  db.user.create({
    data: { email, displayName, passwordHash: await passwordHash() },
    select: { id: true, email: true, displayName: true },
  });

export interface CookieLog {
  set: { token: string; expiresAt: Date }[];
  cleared: number;
}

export interface CallerOptions {
  user?: SessionUser | null;
  clientAddress?: string;
  now?: () => Date;
}

/** A context as the web app builds it, with a real session row for a signed-in user. */
export const createContext = async (
  db: Db,
  { user = null, clientAddress = '192.0.2.1', now = () => new Date() }: CallerOptions = {},
): Promise<{ ctx: Context; cookies: CookieLog }> => {
  const cookies: CookieLog = { set: [], cleared: 0 };
  const session = user ? await createSession({ db, now: now(), userId: user.id }) : null;
  return {
    cookies,
    ctx: {
      db,
      requestId: `test-${randomUUID()}`,
      exposeErrorDetails: false,
      auth: user && session ? { user, sessionId: session.id } : null,
      clientAddress,
      origin: 'http://localhost:3000',
      sessionCookie: {
        set: (token, expiresAt) => void cookies.set.push({ token, expiresAt }),
        clear: () => void cookies.cleared++,
      },
      now,
    },
  };
};

export const callerFor = async (db: Db, options: CallerOptions = {}) => {
  const { ctx, cookies } = await createContext(db, options);
  return { api: createCaller(ctx), ctx, cookies };
};

export const ROLES_BY_POWER: readonly Role[] = ['OWNER', 'ADMIN', 'EDITOR', 'VIEWER'];

export interface TeamWorld {
  team: { id: string; name: string };
  /** One member per role. */
  members: Record<Role, SessionUser>;
  /** A user who belongs to a different team only. */
  outsider: SessionUser;
  otherTeam: { id: string };
}

/** A team with one member in each role, and an outsider who owns a team of their own. */
export const createTeamWorld = async (db: Db, name = 'Test team'): Promise<TeamWorld> => {
  const suffix = randomUUID().slice(0, 8);
  const team = await db.team.create({ data: { name, slug: `t-${suffix}` }, select: { id: true, name: true } });
  const members = {} as Record<Role, SessionUser>;
  for (const role of ROLES_BY_POWER) {
    const user = await createUser(db, { email: uniqueEmail(role.toLowerCase()), displayName: `${role} of ${name}` });
    const capacities: Capacity[] = role === 'VIEWER' ? ['FINANCE'] : [];
    await db.membership.create({ data: { teamId: team.id, userId: user.id, role, capacities } });
    members[role] = user;
  }
  const outsider = await createUser(db, { email: uniqueEmail('outsider'), displayName: 'Outsider' });
  const otherTeam = await db.team.create({ data: { name: 'Other team', slug: `o-${suffix}` }, select: { id: true } });
  await db.membership.create({ data: { teamId: otherTeam.id, userId: outsider.id, role: 'OWNER' } });
  return { team, members, outsider, otherTeam };
};

/**
 * `count` audit events appended to a team's chain as `actorId`, one transaction each (as services
 * write them), on entity `entityType`/`entityId` with action `<entityType>.updated` unless given.
 */
export const appendAuditEvents = async (
  db: Db,
  {
    teamId,
    actorId,
    count = 1,
    entityType = 'task',
    entityId = randomUUID(),
    action = `${entityType}.updated`,
    now = () => new Date(),
  }: {
    teamId: string;
    actorId: string | null;
    count?: number;
    entityType?: string;
    entityId?: string;
    action?: string;
    now?: () => Date;
  },
): Promise<number[]> => {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    const { seq } = await db.$transaction((tx) =>
      appendAudit(
        tx,
        { actorId, requestId: `test-${randomUUID()}`, now: now() },
        { teamId, action, entityType, entityId, changes: { step: { old: i, new: i + 1 } } },
      ),
    );
    seqs.push(seq);
  }
  return seqs;
};

/** The caller as factories record it in the audit trail (null: written by the test itself). */
const factoryActor = (actorId: string | null): AuditActor => ({
  actorId,
  requestId: `factory-${randomUUID()}`,
  now: new Date(),
});

/** A project created through the service, so its audit event is written as in production. */
export const createProject = (
  db: Db,
  {
    teamId,
    actorId = null,
    name = 'Test project',
    description = '',
  }: { teamId: string; actorId?: string | null; name?: string; description?: string },
) => createProjectService({ db, actor: factoryActor(actorId), input: { teamId, name, description } });

/** A receipt-reading task's budgets: valid, with room on every side to make one invalid. */
export const TASK_BUDGETS = {
  name: 'Read receipts',
  monthlyRequests: 3_000_000,
  inputTokens: 800,
  outputTokens: 60,
  latencyP95Ms: 800,
  latencyP99Ms: 1_500,
  qualityMetric: 'field-level exact match',
  qualityBar: 0.97,
} as const;

/** A task (with its five UNKNOWN letters) created through the service; any field can be overridden. */
export const createTask = (
  db: Db,
  {
    teamId,
    projectId,
    actorId = null,
    ...fields
  }: { teamId: string; projectId: string; actorId?: string | null } & Partial<
    Omit<TTaskCreateInput, 'teamId' | 'projectId'>
  >,
) =>
  createTaskService({
    db,
    actor: factoryActor(actorId),
    input: ZTaskCreate.parse({ ...TASK_BUDGETS, ...fields, teamId, projectId }),
  });

/** A project with one task in it, in the given team. */
export const createProjectWithTask = async (db: Db, teamId: string, actorId: string | null = null) => {
  const project = await createProject(db, { teamId, actorId });
  const task = await createTask(db, { teamId, projectId: project.id, actorId });
  return { project, task };
};

/** One deployment of each kind, valid on TASK_BUDGETS' task (and on the demo receipts task). */
export const CANDIDATE_SPECS = {
  /** A frontier API from the price catalogue, with the provider's speed as the team assumes it. */
  api: {
    deployment: 'API',
    priceId: 'openai-gpt-4o',
    ttftSeconds: 0.45,
    outputTokensPerSecond: 90,
    jurisdiction: 'US',
  },
  /** An 8 B model on one L4 in the team's cloud. */
  gpu: {
    deployment: 'SELF_HOSTED',
    runsIn: 'OWN_CLOUD',
    model: { catalogId: 'llama-3.1-8b' },
    format: 'int4_awq',
    hardware: { gpu: { deviceId: 'l4', gpuPriceId: 'gcp-g2-l4' } },
    jurisdiction: 'EU',
  },
  /** A fine-tuned encoder on CPUs, priced in vCPU-hours. */
  cpu: {
    deployment: 'SELF_HOSTED',
    runsIn: 'OWN_CLOUD',
    model: { catalogId: 'modernbert-base' },
    format: 'f32',
    hardware: { cpu: { usdPerVcpuHour: 0.04, vcpuSecondsPerRequest: 0.05 } },
    jurisdiction: 'EU',
  },
  /** A 3 B model, Q4, on a phone. */
  device: {
    deployment: 'ON_DEVICE',
    model: { catalogId: 'llama-3.2-3b' },
    format: 'q4_k_m',
    deviceId: 'snapdragon-8-gen-3',
  },
} as const satisfies Record<string, TCandidateSpec>;

/** A single-model candidate created through the service (SLM on a phone unless told). */
export const createCandidate = (
  db: Db,
  {
    teamId,
    taskId,
    actorId = null,
    name = 'Llama 3.2 3B on the phone',
    kind = 'SLM',
    spec = CANDIDATE_SPECS.device,
  }: {
    teamId: string;
    taskId: string;
    actorId?: string | null;
    name?: string;
    kind?: Exclude<TCandidateKind, 'CASCADE'>;
    spec?: TCandidateSpec;
  },
) =>
  createCandidateService({
    db,
    actor: factoryActor(actorId),
    input: ZCandidateCreate.parse({ teamId, taskId, kind, name, spec }) as TCandidateCreate,
  });

/** A cascade of two candidates of the same task, created through the service. */
export const createCascade = (
  db: Db,
  {
    teamId,
    taskId,
    smallCandidateId,
    largeCandidateId,
    escalationRate = 0.12,
    actorId = null,
    name = 'Small first, then the API',
  }: {
    teamId: string;
    taskId: string;
    smallCandidateId: string;
    largeCandidateId: string;
    escalationRate?: number;
    actorId?: string | null;
    name?: string;
  },
) =>
  createCandidateService({
    db,
    actor: factoryActor(actorId),
    input: ZCandidateCreate.parse({
      teamId,
      taskId,
      kind: 'CASCADE',
      name,
      smallCandidateId,
      largeCandidateId,
      escalationRate,
    }) as TCandidateCreate,
  });
