// Bad input to every mutation of the router: each field missing, of the wrong type, or oversized
// gets BAD_REQUEST naming that field, and nothing is written.
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callerFor, createTeamWorld } from '../test/factories.ts';
import { AppError } from './errors.ts';
import { callPath, routerProcedures } from '../test/router.ts';
import { PROCEDURES } from '../test/procedure-inputs.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const procedures = routerProcedures();
const mutations = Object.keys(procedures)
  .filter((path) => procedures[path]!._def.type === 'mutation')
  .sort();
const takesInput = (path: string) => procedures[path]!._def.inputs.length > 0;

/** Rows in every table: a refused call must leave all of them as they were. */
const rowCounts = async () => {
  const [row] = await t.db.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Session") AS sessions,
           (SELECT count(*) FROM "Team") AS teams, (SELECT count(*) FROM "Membership") AS memberships,
           (SELECT count(*) FROM "Invitation") AS invitations, (SELECT count(*) FROM "EmailOutbox") AS outbox,
           (SELECT count(*) FROM "LoginThrottle") AS throttle,
           (SELECT coalesce(sum(version), 0) FROM "Membership") AS membership_versions,
           (SELECT coalesce(sum(version), 0) FROM "User") AS user_versions,
           (SELECT count(*) FROM "Project") AS projects, (SELECT count(*) FROM "Task") AS tasks,
           (SELECT count(*) FROM "AssessmentLetter") AS letters, (SELECT count(*) FROM "Evidence") AS evidence,
           (SELECT count(*) FROM "AuditEvent") AS audit_events,
           (SELECT coalesce(sum(seq), 0) FROM "AuditChainHead") AS audit_heads,
           (SELECT coalesce(sum(version), 0) FROM "Project") AS project_versions,
           (SELECT coalesce(sum(version), 0) FROM "Task") AS task_versions,
           (SELECT coalesce(sum(version), 0) FROM "AssessmentLetter") AS letter_versions,
           (SELECT coalesce(sum(version), 0) FROM "Evidence") AS evidence_versions,
           (SELECT count(*) FROM "Candidate") AS candidates, (SELECT count(*) FROM "EvalRun") AS eval_runs,
           (SELECT coalesce(sum(version), 0) FROM "Candidate") AS candidate_versions,
           (SELECT count(*) FROM "Candidate" WHERE "measuredQuality" IS NOT NULL OR "measuredP95Ms" IS NOT NULL)
             AS measured_candidates,
           (SELECT count(*) FROM "Decision") AS decisions, (SELECT count(*) FROM "SignOff") AS sign_offs,
           (SELECT coalesce(sum(version), 0) FROM "Decision") AS decision_versions,
           (SELECT coalesce(sum("last"), 0) FROM "DecisionCounter") AS decision_numbers,
           (SELECT count(*) FROM "SignOffPolicy") AS policies,
           (SELECT coalesce(sum(version), 0) FROM "SignOffPolicy") AS policy_versions`;
  return row;
};

/** Is `key` optional in the procedure's input (a default applies when it is missing)? */
const optionalKey = (path: string, key: string) =>
  procedures[path]!._def.inputs.some(
    (schema) => schema instanceof z.ZodObject && key in schema.shape && schema.shape[key].safeParse(undefined).success,
  );

const variants = (path: string, valid: Record<string, unknown>) =>
  Object.entries(valid).flatMap(([key, value]) => [
    ...(optionalKey(path, key) ? [] : [{ label: `${key} missing`, key, input: { ...valid, [key]: undefined } }]),
    { label: `${key} of the wrong type`, key, input: { ...valid, [key]: { not: 'this' } } },
    ...(typeof value === 'string'
      ? // Longer than any text field allows (the longest, descriptions and notes, take 20,000).
        [{ label: `${key} oversized`, key, input: { ...valid, [key]: 'x'.repeat(20_001) } }]
      : []),
    ...(Array.isArray(value)
      ? [
          {
            label: `${key} oversized`,
            key,
            input: { ...valid, [key]: Array.from({ length: 1_000 }, () => value[0] ?? 'x') },
          },
        ]
      : []),
  ]);

describe('every mutation refuses bad input', () => {
  it('covers the mutations that take input', () => {
    expect(mutations.filter(takesInput).length).toBeGreaterThan(0);
    // A mutation without input has nothing to refuse; list them so a new one is a conscious choice.
    expect(mutations.filter((path) => !takesInput(path))).toEqual(['auth.signOut']);
  });

  it.each(mutations.filter(takesInput))('%s', async (path) => {
    const world = await createTeamWorld(t.db);
    const me = world.members.OWNER;
    const caller = await callerFor(t.db, { user: me });
    const valid = (await PROCEDURES[path]!.input({ db: t.db, world, me })) as Record<string, unknown>;
    const cases = [
      ...variants(path, valid),
      { label: 'no input at all', key: null, input: undefined },
      { label: 'a string instead of an object', key: null, input: 'hello' },
    ];
    for (const { label, key, input } of cases) {
      const before = await rowCounts();
      const error = await callPath(caller.api, path, input).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error, `${path}, ${label}`).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, `${path}, ${label}`).toBe('BAD_REQUEST');
      if (key) {
        // The schema's errors, or a service's for what only it can check (an upload's content).
        const cause = (error as TRPCError).cause;
        const fieldErrors = (
          cause instanceof AppError ? cause.fieldErrors : z.flattenError(cause as z.ZodError).fieldErrors
        ) as Record<string, unknown>;
        expect(Object.keys(fieldErrors), `${path}, ${label}`).toContain(key);
      }
      expect(await rowCounts(), `${path}, ${label} wrote something`).toEqual(before);
    }
  });
});
