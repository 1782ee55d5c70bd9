// The audit procedures as pages and the CSV route call them: input checks, a viewer's view of the
// trail, and the verifier's answer.
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appendAuditEvents, callerFor, createTeamWorld, type TeamWorld } from '../../../test/factories.ts';

let t: TestDatabase;
let world: TeamWorld;
let viewer: Awaited<ReturnType<typeof callerFor>>['api'];
beforeAll(async () => {
  t = await createTestDatabase();
  world = await createTeamWorld(t.db);
  await appendAuditEvents(t.db, {
    teamId: world.team.id,
    actorId: world.members.EDITOR.id,
    count: 5,
    now: () => new Date('2026-01-10T12:00:00Z'),
  });
  viewer = (await callerFor(t.db, { user: world.members.VIEWER })).api;
});
afterAll(() => t.drop());

const fieldErrorsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('BAD_REQUEST');
  return Object.keys(z.flattenError((error as TRPCError).cause as z.ZodError).fieldErrors);
};

describe('audit.find', () => {
  it('gives a viewer the newest events first, a page at a time', async () => {
    const first = await viewer.audit.find({ teamId: world.team.id, limit: 3 });
    expect(first.events.map((event) => event.seq)).toEqual([5, 4, 3]);
    expect(first.events[0]?.actor).toEqual({
      id: world.members.EDITOR.id,
      displayName: world.members.EDITOR.displayName,
    });
    const second = await viewer.audit.find({ teamId: world.team.id, limit: 3, cursor: first.nextCursor! });
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.events.map((event) => event.seq)).toEqual([2, 1]);
  });

  it('takes days as YYYY-MM-DD and names the field of a bad filter', async () => {
    const teamId = world.team.id;
    expect((await viewer.audit.find({ teamId, from: '2026-01-10', to: '2026-01-10' })).events).toHaveLength(5);
    expect((await viewer.audit.find({ teamId, from: '2026-01-11' })).events).toHaveLength(0);
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, from: '10/01/2026' }))).toEqual(['from']);
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, from: '2026-01-11', to: '2026-01-10' }))).toEqual(['to']);
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, limit: 101 }))).toEqual(['limit']);
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, cursor: 0 }))).toEqual(['cursor']);
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, actorId: 'someone' }))).toEqual(['actorId']);
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, action: 'x'.repeat(65) }))).toEqual(['action']);
    // An entity id alone would scan the whole trail: its type comes with it.
    expect(await fieldErrorsOf(viewer.audit.find({ teamId, entityId: world.team.id }))).toEqual(['entityType']);
  });
});

describe('audit.filters', () => {
  it('lists what occurs in the trail', async () => {
    expect(await viewer.audit.filters({ teamId: world.team.id })).toEqual({
      actions: ['task.updated'],
      entityTypes: ['task'],
      actors: [{ id: world.members.EDITOR.id, displayName: world.members.EDITOR.displayName }],
    });
  });
});

describe('audit.verify', () => {
  it("answers with the verifier's result", async () => {
    expect(await viewer.audit.verify({ teamId: world.team.id })).toEqual({
      ok: true,
      events: 5,
      headSeq: 5,
      firstBrokenSeq: null,
      reason: null,
    });
  });
});
