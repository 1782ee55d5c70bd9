// The authorisation matrix: every procedure of the router, called as anonymous, as a member of
// another team and as each role of the owning team, against the table in test/procedure-inputs.ts.
// A procedure added to the router without a table entry fails here.
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callerFor, createTeamWorld } from '../test/factories.ts';
import { callPath, routerProcedures } from '../test/router.ts';
import { CALLERS, PROCEDURES, type Caller, type Outcome } from '../test/procedure-inputs.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const procedures = routerProcedures();
const paths = Object.keys(procedures).sort();

const outcomeOf = async (promise: Promise<unknown>): Promise<{ outcome: Outcome | string; message?: string }> => {
  try {
    await promise;
    return { outcome: 'OK' };
  } catch (error) {
    if (error instanceof TRPCError) return { outcome: error.code, message: error.message };
    throw error;
  }
};

const setUp = async (who: Caller) => {
  const world = await createTeamWorld(t.db, `Secret team ${Math.random().toString(36).slice(2, 8)}`);
  const me = who === 'anonymous' ? null : who === 'outsider' ? world.outsider : world.members[who];
  return { world, me, caller: await callerFor(t.db, { user: me }) };
};

describe('the authorisation table', () => {
  it('has an entry for every procedure of the router, and none for procedures that do not exist', () => {
    expect(paths.filter((path) => !(path in PROCEDURES))).toEqual([]);
    expect(Object.keys(PROCEDURES).filter((path) => !(path in procedures))).toEqual([]);
  });

  it('gives a foreign-id check to every procedure whose input names a row besides the team', () => {
    for (const path of paths) {
      const idKeys = procedures[path]!._def.inputs.flatMap((schema) =>
        schema instanceof z.ZodObject
          ? Object.keys(schema.shape).filter((key) => /Id$/.test(key) && key !== 'teamId')
          : [],
      );
      if (idKeys.length > 0) expect(PROCEDURES[path]?.foreign, `${path} takes ${idKeys.join(', ')}`).toBeDefined();
    }
  });
});

describe.each(paths)('%s', (path) => {
  const entry = PROCEDURES[path];

  it.each(CALLERS)('as %s', async (who) => {
    if (!entry) throw new Error(`${path} has no entry in test/procedure-inputs.ts`);
    const { world, me, caller } = await setUp(who);
    const input = await entry.input({ db: t.db, world, me });
    const result = await outcomeOf(callPath(caller.api, path, input));
    expect(result.outcome, `${path} as ${who}: ${result.message ?? ''}`).toBe(entry.expect[who]);
    // A refusal names nothing from the team it protects.
    if (result.outcome !== 'OK') expect(result.message).not.toContain(world.team.name);
  });

  if (entry?.foreign && !entry.foreignFindsNothing) {
    it("answers NOT_FOUND, even to the owner, for another team's ids", async () => {
      const { world, caller } = await setUp('OWNER');
      const input = await entry.foreign!({ db: t.db, world, me: world.members.OWNER });
      expect((await outcomeOf(callPath(caller.api, path, input))).outcome).toBe('NOT_FOUND');
    });
  }

  if (entry?.foreign && entry.foreignFindsNothing) {
    it("finds nothing, even for the owner, by another team's ids", async () => {
      const { world, caller } = await setUp('OWNER');
      const input = await entry.foreign!({ db: t.db, world, me: world.members.OWNER });
      const result = await callPath(caller.api, path, input);
      expect(entry.foreignFindsNothing!(result), JSON.stringify(result)).toBe(true);
      const text = JSON.stringify(result);
      for (const secret of [world.otherTeam.id, world.outsider.id, world.outsider.email]) {
        expect(text).not.toContain(secret);
      }
    });
  }

  if (procedures[path]?._def.inputs.some((schema) => schema instanceof z.ZodObject && 'teamId' in schema.shape)) {
    it('answers NOT_FOUND for a team id that does not exist, and for a team the caller is not in', async () => {
      const { world, caller } = await setUp('OWNER');
      const valid = (await entry!.input({ db: t.db, world, me: world.members.OWNER })) as Record<string, unknown>;
      const missing = await outcomeOf(
        callPath(caller.api, path, { ...valid, teamId: '01900000-0000-7000-8000-000000000000' }),
      );
      const foreign = await outcomeOf(callPath(caller.api, path, { ...valid, teamId: world.otherTeam.id }));
      expect(missing).toEqual(foreign);
      expect(foreign.outcome).toBe('NOT_FOUND');
    });
  }
});
