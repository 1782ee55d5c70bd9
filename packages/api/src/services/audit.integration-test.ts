// The audit trail on a real PostgreSQL: append-only for the app and the owner alike, tampering
// found by the verifier, contiguous chains under concurrent appends, pages and the CSV export.
import { createDb, type Db } from '@rightsize/db';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvents, createUser } from '../../test/factories.ts';
import {
  AUDIT_CSV_COLUMNS,
  appendAudit,
  auditFilterOptions,
  findAuditEvents,
  streamAuditCsv,
  verifyChain,
  type AuditFilter,
} from './audit.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const newTeam = async (db: Db = t.db) => {
  const suffix = randomUUID().slice(0, 8);
  return db.team.create({ data: { name: `Audit ${suffix}`, slug: `audit-${suffix}` }, select: { id: true } });
};

/** A team with `count` events by one actor. */
const teamWithEvents = async (count: number) => {
  const team = await newTeam();
  const actor = await createUser(t.db);
  await appendAuditEvents(t.db, { teamId: team.id, actorId: actor.id, count });
  return { teamId: team.id, actor };
};

/** Runs `sql` as the superuser with triggers off: what an attacker with the database's keys can do. */
const tamper = (sql: string) =>
  t.owner().$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
    await tx.$executeRawUnsafe(sql);
  });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => String(error instanceof Error ? error.message : error),
  );

describe('the audit table is append-only', () => {
  let teamId: string;
  beforeAll(async () => {
    ({ teamId } = await teamWithEvents(3));
  });

  const statements = (id: string) => ({
    UPDATE: `UPDATE "AuditEvent" SET action = 'forged.action' WHERE "teamId" = '${id}' AND seq = 2`,
    DELETE: `DELETE FROM "AuditEvent" WHERE "teamId" = '${id}' AND seq = 2`,
    TRUNCATE: `TRUNCATE "AuditEvent" CASCADE`,
  });

  it.each(['UPDATE', 'DELETE', 'TRUNCATE'] as const)('refuses %s to the application role', async (verb) => {
    expect(await refusal(t.db.$executeRawUnsafe(statements(teamId)[verb]))).toMatch(/permission denied/i);
  });

  it.each(['UPDATE', 'DELETE', 'TRUNCATE'] as const)('refuses %s to the owner, through the trigger', async (verb) => {
    expect(await refusal(t.owner().$executeRawUnsafe(statements(teamId)[verb]))).toMatch(
      new RegExp(`AuditEvent is append-only: ${verb} refused`),
    );
  });

  it('still holds every event, and the chain', async () => {
    expect(await t.db.auditEvent.count({ where: { teamId } })).toBe(3);
    expect((await verifyChain({ db: t.db, teamId })).ok).toBe(true);
  });
});

describe('the verifier', () => {
  it('passes an intact chain, and a team without events', async () => {
    const { teamId } = await teamWithEvents(5);
    expect(await verifyChain({ db: t.db, teamId, batchSize: 2 })).toEqual({
      ok: true,
      events: 5,
      headSeq: 5,
      firstBrokenSeq: null,
      reason: null,
    });
    const empty = await newTeam();
    expect(await verifyChain({ db: t.db, teamId: empty.id })).toMatchObject({ ok: true, events: 0, headSeq: 0 });
  });

  it('names the event whose payload was changed', async () => {
    const { teamId } = await teamWithEvents(10);
    await tamper(
      `UPDATE "AuditEvent" SET changes = '{"budget": {"old": 1, "new": 2}}' WHERE "teamId" = '${teamId}' AND seq = 4`,
    );
    const result = await verifyChain({ db: t.db, teamId, batchSize: 3 });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 4, events: 3 });
    expect(result.reason).toMatch(/changed/);
  });

  it('names a deleted event in the middle', async () => {
    const { teamId } = await teamWithEvents(10);
    await tamper(`DELETE FROM "AuditEvent" WHERE "teamId" = '${teamId}' AND seq = 5`);
    const result = await verifyChain({ db: t.db, teamId });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 5, events: 4 });
    expect(result.reason).toMatch(/missing/);
  });

  it('notices a deleted tail through the head', async () => {
    const { teamId } = await teamWithEvents(10);
    await tamper(`DELETE FROM "AuditEvent" WHERE "teamId" = '${teamId}' AND seq >= 9`);
    const result = await verifyChain({ db: t.db, teamId });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 9, events: 8, headSeq: 10 });
    expect(result.reason).toMatch(/head records 10/);
  });

  it('names the first of two events whose contents were swapped', async () => {
    const { teamId } = await teamWithEvents(10);
    await tamper(`
      UPDATE "AuditEvent" a
      SET "actorId" = b."actorId", action = b.action, "entityType" = b."entityType", "entityId" = b."entityId",
          changes = b.changes, "requestId" = b."requestId", "createdAt" = b."createdAt",
          "prevHash" = b."prevHash", hash = b.hash
      FROM "AuditEvent" b
      WHERE a."teamId" = '${teamId}' AND b."teamId" = '${teamId}'
        AND ((a.seq = 3 AND b.seq = 7) OR (a.seq = 7 AND b.seq = 3))`);
    const result = await verifyChain({ db: t.db, teamId });
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: 3, events: 2 });
  });

  it('notices an event written past the head without appendAudit', async () => {
    const { teamId } = await teamWithEvents(3);
    await t.owner().$executeRawUnsafe(`
      INSERT INTO "AuditEvent" ("teamId", seq, action, "entityType", "entityId", changes, "requestId", "createdAt", "prevHash", hash)
      SELECT "teamId", 4, 'task.updated', 'task', 'x', '{}', 'forged', now(), hash, hash
      FROM "AuditEvent" WHERE "teamId" = '${teamId}' AND seq = 3`);
    expect(await verifyChain({ db: t.db, teamId })).toMatchObject({ ok: false, firstBrokenSeq: 4, events: 3 });
  });
});

describe('concurrent appends', () => {
  it('keep every team contiguous from 1 and its chain valid: 1,000 events, 20 connections, 3 teams', async () => {
    const teams = [await newTeam(), await newTeam(), await newTeam()];
    const actor = await createUser(t.db);
    const clients = Array.from({ length: 20 }, () => createDb(t.url, { maxConnections: 1 }));
    try {
      await Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; i < 50; i++) {
            const team = teams[(c + i) % teams.length]!;
            await client.$transaction((tx) =>
              appendAudit(
                tx,
                { actorId: actor.id, requestId: `c${c}-${i}`, now: new Date() },
                { teamId: team.id, action: 'task.updated', entityType: 'task', entityId: `t${c}`, changes: {} },
              ),
            );
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.$disconnect()));
    }

    let total = 0;
    for (const team of teams) {
      const [stats] = await t.db.$queryRaw<{ n: number; min: number; max: number; distinct: number }[]>`
        SELECT count(*)::int AS n, min(seq) AS min, max(seq) AS max, count(DISTINCT seq)::int AS distinct
        FROM "AuditEvent" WHERE "teamId" = ${team.id}::uuid`;
      expect(stats).toEqual({ n: stats!.max, min: 1, max: stats!.n, distinct: stats!.n });
      expect(await verifyChain({ db: t.db, teamId: team.id })).toMatchObject({ ok: true, events: stats!.n });
      total += stats!.n;
    }
    expect(total).toBe(1_000);
    // 20 clients × 50 appends, spread round-robin: 334, 333, 333.
    expect(
      (await Promise.all(teams.map((team) => t.db.auditEvent.count({ where: { teamId: team.id } })))).sort(),
    ).toEqual([333, 333, 334]);
  });
});

describe('reading the trail', () => {
  // 30 events over ten days in January 2026 (three a day), by two people, on tasks and projects.
  interface Written {
    seq: number;
    day: string;
    actorId: string;
    entityType: string;
    entityId: string;
    action: string;
  }
  let teamId: string;
  let otherTeamId: string;
  let ada: { id: string };
  let bob: { id: string };
  let outsider: { id: string };
  const written: Written[] = [];
  const taskIds = [randomUUID(), randomUUID()];
  const projectId = randomUUID();

  beforeAll(async () => {
    teamId = (await newTeam()).id;
    otherTeamId = (await newTeam()).id;
    ada = await createUser(t.db, { displayName: 'Ada' });
    bob = await createUser(t.db, { displayName: '=HYPERLINK("http://example.test")' });
    outsider = await createUser(t.db, { displayName: 'Outsider' });
    for (let i = 0; i < 30; i++) {
      const day = `2026-01-${String(1 + Math.floor(i / 3)).padStart(2, '0')}`;
      const actorId = i % 3 === 0 ? bob.id : ada.id;
      const isProject = i % 5 === 0;
      const entityType = isProject ? 'project' : 'task';
      const entityId = isProject ? projectId : taskIds[i % 2]!;
      const action = isProject ? 'project.updated' : i % 2 ? 'task.updated' : 'task.created';
      const [seq] = await appendAuditEvents(t.db, {
        teamId,
        actorId,
        entityType,
        entityId,
        action,
        now: () => new Date(`${day}T${String(8 + (i % 3) * 4).padStart(2, '0')}:00:00Z`),
      });
      written.push({ seq: seq!, day, actorId, entityType, entityId, action });
    }
    await appendAuditEvents(t.db, { teamId: otherTeamId, actorId: outsider.id, count: 3 });
  });

  /** Every page from the newest, following nextCursor. */
  const allPages = async (filter: AuditFilter, limit: number) => {
    const seqs: number[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await findAuditEvents({ db: t.db, teamId, filter, cursor, limit });
      expect(page.events.length).toBeLessThanOrEqual(limit);
      seqs.push(...page.events.map((event) => event.seq));
      if (page.nextCursor === null) return seqs;
      cursor = page.nextCursor;
    }
    throw new Error('pages never ended');
  };
  const expected = (keep: (event: Written) => boolean) =>
    written
      .filter(keep)
      .map((event) => event.seq)
      .reverse();

  it('pages newest first, each event exactly once, whatever the page size', async () => {
    for (const limit of [1, 7, 30, 100]) {
      expect(await allPages({}, limit)).toEqual(expected(() => true));
    }
  });

  it('shows who did what to which entity, and the field changes', async () => {
    const page = await findAuditEvents({ db: t.db, teamId, filter: {}, limit: 1 });
    expect(page.events[0]).toMatchObject({
      seq: 30,
      actor: { id: ada.id, displayName: 'Ada' },
      action: 'task.updated',
      entityType: 'task',
      changes: { step: { old: 0, new: 1 } },
    });
    expect(page.events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page.nextCursor).toBe(30);
  });

  it('filters by entity type, entity, actor and action, alone and together, across pages', async () => {
    const cases: [AuditFilter, (event: Written) => boolean][] = [
      [{ entityType: 'project' }, (e) => e.entityType === 'project'],
      [{ entityType: 'task', entityId: taskIds[0] }, (e) => e.entityId === taskIds[0]],
      [{ actorId: bob.id }, (e) => e.actorId === bob.id],
      [{ action: 'task.created' }, (e) => e.action === 'task.created'],
      [{ actorId: ada.id, action: 'task.updated' }, (e) => e.actorId === ada.id && e.action === 'task.updated'],
      [{ entityType: 'nothing' }, () => false],
    ];
    for (const [filter, keep] of cases) {
      expect(await allPages(filter, 4), JSON.stringify(filter)).toEqual(expected(keep));
    }
  });

  it('filters by a range of days (UTC), inclusive at both ends, with other filters and across pages', async () => {
    expect(await allPages({ from: '2026-01-03', to: '2026-01-05' }, 2)).toEqual(
      expected((e) => e.day >= '2026-01-03' && e.day <= '2026-01-05'),
    );
    expect(await allPages({ from: '2026-01-09' }, 2)).toEqual(expected((e) => e.day >= '2026-01-09'));
    expect(await allPages({ to: '2026-01-01' }, 2)).toEqual(expected((e) => e.day === '2026-01-01'));
    expect(await allPages({ from: '2026-01-02', to: '2026-01-04', actorId: bob.id }, 1)).toEqual(
      expected((e) => e.day >= '2026-01-02' && e.day <= '2026-01-04' && e.actorId === bob.id),
    );
    expect(await allPages({ from: '2026-02-01' }, 10)).toEqual([]);
    expect(await allPages({ to: '2025-12-31' }, 10)).toEqual([]);
  });

  it("finds nothing by another team's actor or entity", async () => {
    expect(await allPages({ actorId: outsider.id }, 10)).toEqual([]);
    const theirs = await t.db.auditEvent.findFirstOrThrow({
      where: { teamId: otherTeamId },
      select: { entityId: true },
    });
    expect(await allPages({ entityType: 'task', entityId: theirs.entityId }, 10)).toEqual([]);
  });

  it('lists the actions, entity types and actors that occur, for the filters', async () => {
    const options = await auditFilterOptions({ db: t.db, teamId });
    expect(options.actions).toEqual(['project.updated', 'task.created', 'task.updated']);
    expect(options.entityTypes).toEqual(['project', 'task']);
    expect(options.actors).toHaveLength(2);
    expect(options.actors).toEqual(
      expect.arrayContaining([
        { id: bob.id, displayName: '=HYPERLINK("http://example.test")' },
        { id: ada.id, displayName: 'Ada' },
      ]),
    );
  });

  it('never lets time go backwards within a team, so dates stay a range of seq', async () => {
    const team = await newTeam();
    await appendAuditEvents(t.db, { teamId: team.id, actorId: ada.id, now: () => new Date('2026-03-02T00:00:00Z') });
    await appendAuditEvents(t.db, { teamId: team.id, actorId: ada.id, now: () => new Date('2026-03-01T00:00:00Z') });
    const times = await t.db.auditEvent.findMany({
      where: { teamId: team.id },
      orderBy: { seq: 'asc' },
      select: { createdAt: true },
    });
    expect(times.map((row) => row.createdAt.toISOString())).toEqual([
      '2026-03-02T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  describe('as CSV', () => {
    const csv = async (filter: AuditFilter, batchSize: number) => {
      let text = '';
      let chunks = 0;
      for await (const chunk of streamAuditCsv({ db: t.db, teamId, filter, batchSize })) {
        text += chunk;
        chunks += 1;
      }
      return { rows: parseCsv(text), chunks };
    };

    it('has the header and one row per event, oldest first, in batches, chained by hash', async () => {
      const { rows, chunks } = await csv({}, 4);
      expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
      const body = rows.slice(1);
      expect(body).toHaveLength(30);
      expect(chunks).toBe(1 + Math.ceil(30 / 4));
      expect(body.map((row) => Number(row[0]))).toEqual(expected(() => true).reverse());
      const first = body[0]!;
      expect(new Date(first[1]!).toISOString()).toBe(first[1]);
      expect(first[2]).toBe(`'=HYPERLINK("http://example.test")`); // kept as text by spreadsheets
      expect(first[4]).toBe('project.updated');
      expect(JSON.parse(first[7]!)).toEqual({ step: { old: 0, new: 1 } });
      expect(first[10]).toBe('0'.repeat(64));
      for (let i = 1; i < body.length; i++) expect(body[i]![10]).toBe(body[i - 1]![9]);
    });

    it('honours the filters of the page', async () => {
      const { rows } = await csv({ actorId: bob.id, from: '2026-01-04' }, 2);
      expect(rows.slice(1).map((row) => Number(row[0]))).toEqual(
        expected((e) => e.actorId === bob.id && e.day >= '2026-01-04').reverse(),
      );
    });

    it('is only the header for a team or filter without events', async () => {
      expect((await csv({ actorId: outsider.id }, 10)).rows).toEqual([[...AUDIT_CSV_COLUMNS]]);
      const empty = await newTeam();
      let text = '';
      for await (const chunk of streamAuditCsv({ db: t.db, teamId: empty.id, filter: {} })) text += chunk;
      expect(parseCsv(text)).toEqual([[...AUDIT_CSV_COLUMNS]]);
    });
  });
});

/** RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || (char === '\r' && text[i + 1] === '\n')) {
      if (char === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
