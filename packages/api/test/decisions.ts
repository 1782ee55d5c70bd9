// Decisions for tests, written through the services: a task with candidates, a draft, a proposal,
// and members holding the capacities a sign-off needs.
import type { Capacity, Db, Role } from '@rightsize/db';
import { ZDecisionCreate, ZDecisionSignOff } from '@rightsize/validators';
import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../src/services/audit.ts';
import { createDecision, proposeDecision, signOffDecision } from '../src/services/decision.ts';
import {
  CANDIDATE_SPECS,
  TEST_PASSWORD,
  createCandidate,
  createProjectWithTask,
  createUser,
  uniqueEmail,
} from './factories.ts';

export const actorOf = (actorId: string, now = new Date()): AuditActor => ({
  actorId,
  requestId: `test-${randomUUID()}`,
  now,
});

/** A new member of the team with the given role and capacities. */
export const memberWith = async (
  db: Db,
  teamId: string,
  {
    role = 'EDITOR',
    capacities = [],
    displayName,
  }: { role?: Role; capacities?: Capacity[]; displayName?: string } = {},
) => {
  const user = await createUser(db, {
    email: uniqueEmail(role.toLowerCase()),
    displayName: displayName ?? `${role} ${capacities.join('+') || 'member'}`,
  });
  await db.membership.create({ data: { teamId, userId: user.id, role, capacities } });
  return user;
};

/** A task of the team with two candidates: a 3B model on a phone and a frontier API. */
export const taskWithCandidates = async (db: Db, teamId: string) => {
  const { project, task } = await createProjectWithTask(db, teamId);
  const phone = await createCandidate(db, { teamId, taskId: task.id, name: 'Llama 3.2 3B on the phone' });
  const api = await createCandidate(db, {
    teamId,
    taskId: task.id,
    name: 'GPT-4o',
    kind: 'FRONTIER_API',
    spec: { ...CANDIDATE_SPECS.api, usdPerMillionInputTokens: 2.5, usdPerMillionOutputTokens: 10 },
  });
  return { project, task, phone, api };
};

/** A draft choosing `chosenCandidateId`, by `authorId`. */
export const createDraft = (
  db: Db,
  {
    teamId,
    taskId,
    chosenCandidateId,
    authorId,
    title = 'Read receipts on the phone',
  }: { teamId: string; taskId: string; chosenCandidateId: string | null; authorId: string; title?: string },
) =>
  createDecision({
    db,
    actor: actorOf(authorId),
    input: ZDecisionCreate.parse({
      teamId,
      taskId,
      title,
      context: 'Receipts are financial data, and there are millions of them a month.',
      consequences: '- Good: nothing leaves the phone.\n- Bad: the model ships with the app.',
      chosenCandidateId,
    }),
  });

/** A proposed decision on a fresh task of the team, proposed by `proposerId`. */
export const proposedDecision = async (db: Db, { teamId, proposerId }: { teamId: string; proposerId: string }) => {
  const setting = await taskWithCandidates(db, teamId);
  const draft = await createDraft(db, {
    teamId,
    taskId: setting.task.id,
    chosenCandidateId: setting.phone.id,
    authorId: proposerId,
  });
  const decision = await proposeDecision({
    db,
    actor: actorOf(proposerId),
    input: { teamId, decisionId: draft.id, version: draft.version },
  });
  return { ...setting, decision };
};

/** Signs through the service with the factory password. */
export const sign = (
  db: Db,
  {
    teamId,
    decision,
    signerId,
    capacity,
    verdict = 'APPROVE',
    comment = verdict === 'REJECT' ? 'Over the budget.' : '',
    snapshotSha256 = decision.snapshotSha256!,
    password = TEST_PASSWORD,
    clientAddress = '198.51.100.7',
  }: {
    teamId: string;
    decision: { id: string; snapshotSha256: string | null };
    signerId: string;
    capacity: Capacity;
    verdict?: 'APPROVE' | 'REJECT';
    comment?: string;
    snapshotSha256?: string;
    password?: string;
    clientAddress?: string;
  },
) =>
  signOffDecision({
    db,
    actor: actorOf(signerId),
    clientAddress,
    input: ZDecisionSignOff.parse({
      teamId,
      decisionId: decision.id,
      capacity,
      verdict,
      comment,
      snapshotSha256,
      password,
    }),
  });
