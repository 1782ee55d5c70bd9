// One valid input per procedure of the router, built against a fresh TeamWorld. The authorisation
// matrix and the bad-input tests both start from these; a procedure with no entry fails both.
import type { Db, Role } from '@rightsize/db';
import { randomBytes } from 'node:crypto';
import { hashSecret } from '@rightsize/auth';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { readFileSync } from 'node:fs';
import {
  CANDIDATE_SPECS,
  TASK_BUDGETS,
  TEST_PASSWORD,
  appendAuditEvents,
  createCandidate,
  createProject,
  createProjectWithTask,
  createUser,
  uniqueEmail,
  type TeamWorld,
} from './factories.ts';
import { addEvidence } from '../src/services/assessment.ts';
import { createDraft, proposedDecision } from './decisions.ts';
import { parseLmEval } from '../src/imports/index.ts';
import { makePromptfooResults } from './eval-files.ts';
import type { SessionUser } from '@rightsize/auth';

export type Caller = 'anonymous' | 'outsider' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', 'outsider', 'OWNER', 'ADMIN', 'EDITOR', 'VIEWER'];

export type Outcome = 'OK' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'FORBIDDEN';

export interface InputContext {
  db: Db;
  world: TeamWorld;
  /** The user making the call; null for anonymous. */
  me: SessionUser | null;
}

export interface ProcedureEntry {
  /** A valid input for this caller (undefined for procedures that take none). */
  input: (c: InputContext) => Promise<unknown> | unknown;
  /** What each caller gets with that input. */
  expect: Record<Caller, Outcome>;
  /** For inputs naming rows other than the team: the same call with ids from the other team. */
  foreign?: (c: InputContext) => Promise<unknown> | unknown;
  /**
   * Searches answer a foreign id with an empty result rather than NOT_FOUND (an actor who left the
   * team still has events in it): true when the result is empty.
   */
  foreignFindsNothing?: (result: unknown) => boolean;
}

const everyone = (outcome: Outcome): Record<Caller, Outcome> => ({
  anonymous: outcome,
  outsider: outcome,
  OWNER: outcome,
  ADMIN: outcome,
  EDITOR: outcome,
  VIEWER: outcome,
});
const PUBLIC = everyone('OK');
const SIGNED_IN: Record<Caller, Outcome> = { ...everyone('OK'), anonymous: 'UNAUTHORIZED' };

/** Team-scoped with a minimum role: non-members see NOT_FOUND, lower roles FORBIDDEN. */
const team = (minimum: Role): Record<Caller, Outcome> => {
  const order: Role[] = ['VIEWER', 'EDITOR', 'ADMIN', 'OWNER'];
  const allowed = (role: Role) => order.indexOf(role) >= order.indexOf(minimum);
  return {
    anonymous: 'UNAUTHORIZED',
    outsider: 'NOT_FOUND',
    OWNER: allowed('OWNER') ? 'OK' : 'FORBIDDEN',
    ADMIN: allowed('ADMIN') ? 'OK' : 'FORBIDDEN',
    EDITOR: allowed('EDITOR') ? 'OK' : 'FORBIDDEN',
    VIEWER: allowed('VIEWER') ? 'OK' : 'FORBIDDEN',
  };
};

/** A pending invitation written directly, so tests can hold its token. */
export const createInvitation = async (
  db: Db,
  {
    teamId,
    email,
    invitedById,
    role = 'EDITOR' as Role,
  }: { teamId: string; email: string; invitedById: string; role?: Role },
) => {
  const token = encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(32)));
  const invitation = await db.invitation.create({
    data: {
      teamId,
      email,
      role,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + 86_400_000),
      invitedById,
    },
    select: { id: true },
  });
  return { token, id: invitation.id };
};

const extraMember = async (db: Db, teamId: string, role: Role = 'VIEWER') => {
  const user = await createUser(db, { email: uniqueEmail('extra') });
  await db.membership.create({ data: { teamId, userId: user.id, role } });
  return user;
};

/**
 * `input` with the rows it names made in the caller's team, and `foreign`: the same call, still
 * naming the caller's team, with those rows made in the other team. For the procedures whose two
 * inputs differ only in where the named rows live.
 */
const withRowsOf = (
  build: (c: InputContext, rows: { teamId: string; authorId: string }) => Promise<unknown>,
): Pick<ProcedureEntry, 'input' | 'foreign'> => ({
  input: (c) => build(c, { teamId: c.world.team.id, authorId: c.world.members.EDITOR.id }),
  foreign: (c) => build(c, { teamId: c.world.otherTeam.id, authorId: c.world.outsider.id }),
});

export const PROCEDURES: Record<string, ProcedureEntry> = {
  'system.info': { input: () => undefined, expect: PUBLIC },
  'auth.signUp': {
    input: () => ({ email: uniqueEmail('signup'), displayName: 'New Person', password: 'a-fresh-passphrase-4' }),
    expect: PUBLIC,
  },
  'auth.signIn': {
    input: async ({ db }) => ({ email: (await createUser(db)).email, password: TEST_PASSWORD }),
    expect: PUBLIC,
  },
  'auth.signOut': { input: () => undefined, expect: SIGNED_IN },
  'auth.me': { input: () => undefined, expect: SIGNED_IN },
  'auth.changePassword': {
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'another-fresh-passphrase-5' }),
    expect: SIGNED_IN,
  },
  'team.create': { input: () => ({ name: 'Created in a test' }), expect: SIGNED_IN },
  'team.list': { input: () => undefined, expect: SIGNED_IN },
  'team.get': { input: ({ world }) => ({ teamId: world.team.id }), expect: team('VIEWER') },
  'team.members': { input: ({ world }) => ({ teamId: world.team.id }), expect: team('VIEWER') },
  'team.invitations': { input: ({ world }) => ({ teamId: world.team.id }), expect: team('ADMIN') },
  'team.invite': {
    input: ({ world }) => ({
      teamId: world.team.id,
      email: uniqueEmail('invitee'),
      role: 'EDITOR',
      capacities: ['FINANCE'],
    }),
    expect: team('ADMIN'),
  },
  'team.invitation': {
    input: async ({ db, world }) => ({
      token: (
        await createInvitation(db, {
          teamId: world.team.id,
          email: uniqueEmail('x'),
          invitedById: world.members.OWNER.id,
        })
      ).token,
    }),
    expect: PUBLIC,
  },
  'team.acceptInvite': {
    // Addressed to the caller: an existing member accepting again keeps their role.
    input: async ({ db, world, me }) => ({
      token: (
        await createInvitation(db, {
          teamId: world.team.id,
          email: me?.email ?? uniqueEmail('nobody'),
          invitedById: world.members.OWNER.id,
        })
      ).token,
    }),
    expect: SIGNED_IN,
  },
  'team.revokeInvite': {
    input: async ({ db, world }) => ({
      teamId: world.team.id,
      invitationId: (
        await createInvitation(db, {
          teamId: world.team.id,
          email: uniqueEmail('x'),
          invitedById: world.members.OWNER.id,
        })
      ).id,
    }),
    foreign: async ({ db, world }) => ({
      teamId: world.team.id,
      invitationId: (
        await createInvitation(db, {
          teamId: world.otherTeam.id,
          email: uniqueEmail('x'),
          invitedById: world.outsider.id,
        })
      ).id,
    }),
    expect: team('ADMIN'),
  },
  'team.setRole': {
    input: async ({ db, world }) => ({
      teamId: world.team.id,
      userId: (await extraMember(db, world.team.id, 'EDITOR')).id,
      role: 'VIEWER',
      capacities: ['SECURITY'],
      version: 1,
    }),
    foreign: ({ world }) => ({
      teamId: world.team.id,
      userId: world.outsider.id,
      role: 'VIEWER',
      capacities: [],
      version: 1,
    }),
    expect: team('ADMIN'),
  },
  'team.removeMember': {
    // Someone else: leaving is open to every member, removing others needs ADMIN.
    input: async ({ db, world }) => ({ teamId: world.team.id, userId: (await extraMember(db, world.team.id)).id }),
    foreign: ({ world }) => ({ teamId: world.team.id, userId: world.outsider.id }),
    expect: team('ADMIN'),
  },
  'audit.find': {
    input: async ({ db, world }) => {
      await appendAuditEvents(db, { teamId: world.team.id, actorId: world.members.EDITOR.id, count: 2 });
      return { teamId: world.team.id, entityType: 'task', actorId: world.members.EDITOR.id, limit: 10 };
    },
    // The other team's events, by its owner, on its own entity: none may come back.
    foreign: async ({ db, world }) => {
      await appendAuditEvents(db, {
        teamId: world.otherTeam.id,
        actorId: world.outsider.id,
        entityType: 'team',
        entityId: world.otherTeam.id,
        count: 2,
      });
      return { teamId: world.team.id, actorId: world.outsider.id, entityType: 'team', entityId: world.otherTeam.id };
    },
    foreignFindsNothing: (result) => {
      const page = result as { events: unknown[]; nextCursor: unknown };
      return page.events.length === 0 && page.nextCursor === null;
    },
    expect: team('VIEWER'),
  },
  'audit.filters': { input: ({ world }) => ({ teamId: world.team.id }), expect: team('VIEWER') },
  'audit.verify': {
    input: async ({ db, world }) => {
      await appendAuditEvents(db, { teamId: world.team.id, actorId: world.members.OWNER.id, count: 2 });
      return { teamId: world.team.id };
    },
    expect: team('VIEWER'),
  },
  'project.create': {
    input: ({ world }) => ({ teamId: world.team.id, name: 'Finance app', description: 'Receipts and invoices.' }),
    expect: team('EDITOR'),
  },
  'project.find': { input: ({ world }) => ({ teamId: world.team.id, includeArchived: true }), expect: team('VIEWER') },
  'project.get': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      projectId: (await createProject(db, { teamId: rows.teamId })).id,
    })),
    expect: team('VIEWER'),
  },
  'project.update': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      projectId: (await createProject(db, { teamId: rows.teamId })).id,
      version: 1,
      name: 'Renamed',
    })),
    expect: team('EDITOR'),
  },
  'project.archive': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      projectId: (await createProject(db, { teamId: rows.teamId })).id,
      version: 1,
    })),
    expect: team('EDITOR'),
  },
  'task.create': {
    input: async ({ db, world }) => ({
      teamId: world.team.id,
      projectId: (await createProject(db, { teamId: world.team.id })).id,
      ...TASK_BUDGETS,
      description: 'Vendor, date, total and tax from photographed receipts.',
      locality: 'ON_DEVICE',
      jurisdictions: ['EU'],
    }),
    // A member of their own team naming another team's project.
    foreign: async ({ db, world }) => ({
      teamId: world.team.id,
      projectId: (await createProject(db, { teamId: world.otherTeam.id })).id,
      ...TASK_BUDGETS,
    }),
    expect: team('EDITOR'),
  },
  'task.find': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      projectId: (await createProjectWithTask(db, rows.teamId)).project.id,
    })),
    expect: team('VIEWER'),
  },
  'task.get': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, rows.teamId)).task.id,
    })),
    expect: team('VIEWER'),
  },
  'task.update': {
    input: async ({ db, world }) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, world.team.id)).task.id,
      version: 1,
      monthlyRequests: 2_000_000,
    }),
    // Another team's task, moved into one of our own projects.
    foreign: async ({ db, world }) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, world.otherTeam.id)).task.id,
      version: 1,
      projectId: (await createProject(db, { teamId: world.team.id })).id,
    }),
    expect: team('EDITOR'),
  },
  'task.archive': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, rows.teamId)).task.id,
      version: 1,
    })),
    expect: team('EDITOR'),
  },
  'assessment.get': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, rows.teamId)).task.id,
    })),
    expect: team('VIEWER'),
  },
  'assessment.setLetter': {
    input: async ({ db, world }) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, world.team.id)).task.id,
      letter: 'SPECIFIC',
      verdict: 'PASS',
      rationale: 'Four fields from one receipt.',
      version: 1,
    }),
    foreign: async ({ db, world }) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, world.otherTeam.id)).task.id,
      letter: 'SPECIFIC',
      verdict: 'PASS',
      rationale: '',
      version: 1,
    }),
    expect: team('EDITOR'),
  },
  'evidence.add': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, rows.teamId)).task.id,
      letter: 'MEASURED',
      kind: 'LINK',
      title: 'Holdout evaluation',
      url: 'https://example.com/eval',
    })),
    expect: team('EDITOR'),
  },
  'evidence.remove': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      evidenceId: (await evidenceIn(db, rows.teamId, rows.authorId)).id,
    })),
    expect: team('EDITOR'),
  },
  'candidate.create': {
    // Only the required fields: the bad-input walker removes each in turn.
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await createProjectWithTask(db, rows.teamId)).task.id,
      kind: 'SLM',
      name: 'Llama 3.2 3B on the phone',
      spec: CANDIDATE_SPECS.device,
    })),
    expect: team('EDITOR'),
  },
  'candidate.find': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await candidateIn(db, rows.teamId)).taskId,
    })),
    expect: team('VIEWER'),
  },
  'candidate.get': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      candidateId: (await candidateIn(db, rows.teamId)).id,
    })),
    expect: team('VIEWER'),
  },
  'candidate.update': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      candidateId: (await candidateIn(db, rows.teamId)).id,
      version: 1,
      name: 'Renamed',
    })),
    expect: team('EDITOR'),
  },
  'candidate.archive': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      candidateId: (await candidateIn(db, rows.teamId)).id,
      version: 1,
    })),
    expect: team('EDITOR'),
  },
  'comparison.get': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await candidateIn(db, rows.teamId)).taskId,
    })),
    expect: team('VIEWER'),
  },
  'evidence.importPromptfoo': {
    // The confirming call (with a mapping), so the walker checks that refused input writes nothing.
    // Another team's task, mapped to that team's candidate.
    ...withRowsOf(async ({ db, world }, rows) =>
      importInput(await candidateIn(db, rows.teamId), world.team.id, 'promptfoo'),
    ),
    expect: team('EDITOR'),
  },
  'decision.create': {
    ...withRowsOf(async ({ db, world }, rows) => {
      const candidate = await candidateIn(db, rows.teamId);
      return {
        teamId: world.team.id,
        taskId: candidate.taskId,
        title: 'Read receipts on the phone',
        chosenCandidateId: candidate.id,
      };
    }),
    expect: team('EDITOR'),
  },
  'decision.find': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      taskId: (await draftIn(db, rows.teamId)).task.id,
    })),
    expect: team('VIEWER'),
  },
  'decision.get': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      decisionId: (await proposedIn(db, rows.teamId)).id,
    })),
    expect: team('VIEWER'),
  },
  'decision.update': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      decisionId: (await draftIn(db, rows.teamId)).id,
      version: 1,
      title: 'Renamed',
    })),
    expect: team('EDITOR'),
  },
  'decision.propose': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      decisionId: (await draftIn(db, rows.teamId)).id,
      version: 1,
    })),
    expect: team('EDITOR'),
  },
  'decision.withdraw': {
    ...withRowsOf(async ({ db, world }, rows) => {
      const decision = await proposedIn(db, rows.teamId);
      return { teamId: world.team.id, decisionId: decision.id, version: decision.version };
    }),
    expect: team('EDITOR'),
  },
  'decision.signOff': {
    // As FINANCE, which only the factory's VIEWER holds: signing depends on capacities, not on
    // role, so the viewer signs and the owner, admin and editor (no capacities) are refused.
    ...withRowsOf(async ({ db, world }, rows) => signOffInput(world.team.id, await proposedIn(db, rows.teamId))),
    expect: { ...team('VIEWER'), OWNER: 'FORBIDDEN', ADMIN: 'FORBIDDEN', EDITOR: 'FORBIDDEN' },
  },
  'decision.exportMarkdown': {
    ...withRowsOf(async ({ db, world }, rows) => ({
      teamId: world.team.id,
      decisionId: (await proposedIn(db, rows.teamId)).id,
    })),
    expect: team('VIEWER'),
  },
  'team.getPolicy': { input: ({ world }) => ({ teamId: world.team.id }), expect: team('VIEWER') },
  'team.setPolicy': {
    input: ({ world }) => ({ teamId: world.team.id, requiredCapacities: ['ENGINEERING', 'SECURITY'], version: 1 }),
    expect: team('ADMIN'),
  },
  'evidence.importLmEval': {
    ...withRowsOf(async ({ db, world }, rows) =>
      importInput(await candidateIn(db, rows.teamId), world.team.id, 'lm-eval'),
    ),
    expect: team('EDITOR'),
  },
};

/** A draft decision (choosing a candidate) on a fresh task of the team, by a member of its own. */
async function draftIn(db: Db, teamId: string) {
  const candidate = await candidateIn(db, teamId);
  const author = await extraMember(db, teamId, 'EDITOR');
  return createDraft(db, { teamId, taskId: candidate.taskId, chosenCandidateId: candidate.id, authorId: author.id });
}

/** A proposed decision on a fresh task of the team, proposed by a member of its own. */
async function proposedIn(db: Db, teamId: string) {
  const author = await extraMember(db, teamId, 'EDITOR');
  return (await proposedDecision(db, { teamId, proposerId: author.id })).decision;
}

function signOffInput(teamId: string, decision: { id: string; snapshotSha256: string | null }) {
  return {
    teamId,
    decisionId: decision.id,
    capacity: 'FINANCE',
    verdict: 'APPROVE',
    comment: 'Within the monthly budget.',
    snapshotSha256: decision.snapshotSha256,
    password: TEST_PASSWORD,
  };
}

/** A candidate on a fresh task of the team. */
async function candidateIn(db: Db, teamId: string) {
  const { task } = await createProjectWithTask(db, teamId);
  return createCandidate(db, { teamId, taskId: task.id });
}

/** A results file whose one subject is mapped to `candidate`, as the import procedures take it. */
export const PROMPTFOO_FILE = JSON.stringify(
  makePromptfooResults({
    providers: [{ id: 'llama.cpp:llama-3.2-3b-instruct-q4_k_m' }],
    cases: [
      { provider: 'llama.cpp:llama-3.2-3b-instruct-q4_k_m', pass: true, latencyMs: 610 },
      { provider: 'llama.cpp:llama-3.2-3b-instruct-q4_k_m', pass: true, latencyMs: 540 },
      { provider: 'llama.cpp:llama-3.2-3b-instruct-q4_k_m', pass: false, latencyMs: 720 },
    ],
  }),
);
export const LM_EVAL_FILE = readFileSync(
  new URL('../src/imports/fixtures/lm-eval-pythia-160m.json', import.meta.url),
  'utf8',
);

function importInput(candidate: { id: string; taskId: string }, teamId: string, tool: 'promptfoo' | 'lm-eval') {
  const content = tool === 'promptfoo' ? PROMPTFOO_FILE : LM_EVAL_FILE;
  const key =
    tool === 'promptfoo' ? 'llama.cpp:llama-3.2-3b-instruct-q4_k_m' : parseLmEval(LM_EVAL_FILE).subjects[0]!.key;
  return {
    teamId,
    taskId: candidate.taskId,
    fileName: tool === 'promptfoo' ? 'results.json' : 'results_2025-03-14.json',
    content,
    mapping: { [key]: candidate.id },
  };
}

/** A note on a fresh task of the team, added through the service. */
async function evidenceIn(db: Db, teamId: string, actorId: string) {
  const { task } = await createProjectWithTask(db, teamId, actorId);
  return addEvidence({
    db,
    actor: { actorId, requestId: 'test', now: new Date() },
    input: { teamId, taskId: task.id, letter: 'SPECIFIC', kind: 'NOTE', title: 'Scope', body: 'Four fields.' },
  });
}
