// The tamper-evident audit trail. Every mutating service calls `appendAudit` inside its own
// transaction, after the business write, so the event and the change commit or roll back together.
//
// Chain: each team's events are numbered 1, 2, 3, … and `hash = SHA-256(prevHash ‖ canonical)`,
// where `canonical` is the RFC 8785 JSON of the event (see `canonicalEvent`) and the first event's
// prevHash is 32 zero bytes. `AuditChainHead` holds each team's last seq and hash: appending locks
// that row, so appends are serialised per team and different teams never wait for each other, and
// the verifier checks that the chain ends at the head (otherwise deleting the newest rows would go
// unseen).
import canonicalize from 'canonicalize';
import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { Prisma, type Db } from '@rightsize/db';

type Tx = Prisma.TransactionClient;

/** A JSON value as stored in `changes`. Dates are written as ISO strings. */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

/** `{ field: { old, new } }`; a creation has only `new`, a removal only `old`. */
export type AuditChanges = Record<string, { old?: AuditValue; new?: AuditValue }>;

/** Who did it and in which request: the part of an event that comes from the caller. */
export interface AuditActor {
  actorId: string | null;
  requestId: string;
  now: Date;
}

export interface AuditEntry {
  teamId: string;
  /** `<entity>.<verb>`, for example `task.updated`. */
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
}

export const GENESIS_HASH = new Uint8Array(32);

export interface ChainedEvent {
  teamId: string;
  seq: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
  requestId: string;
  createdAt: Date;
}

/** The bytes that are hashed: RFC 8785 canonical JSON, so key order and number spelling are fixed. */
export const canonicalEvent = (event: ChainedEvent): string => {
  const text = canonicalize({
    v: 1,
    teamId: event.teamId,
    seq: event.seq,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    changes: event.changes,
    requestId: event.requestId,
    createdAt: event.createdAt.toISOString(),
  });
  if (text === undefined) throw new Error('audit event cannot be canonicalised');
  return text;
};

export const chainHash = (prevHash: Uint8Array, event: ChainedEvent): Uint8Array<ArrayBuffer> =>
  new Uint8Array(createHash('sha256').update(prevHash).update(canonicalEvent(event), 'utf8').digest());

const toAuditValue = (value: unknown): AuditValue => {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditValue);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toAuditValue(inner)]));
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value as AuditValue;
};

const same = (a: AuditValue, b: AuditValue) => canonicalize(a) === canonicalize(b);

/**
 * The fields of `after` whose values differ from `before`, as `{ field: { old, new } }`. Only the
 * fields named in `after` are compared, so callers pass the patch they applied.
 */
export const diffFields = (before: Record<string, unknown>, after: Record<string, unknown>): AuditChanges => {
  const changes: AuditChanges = {};
  for (const [field, next] of Object.entries(after)) {
    if (next === undefined) continue;
    const oldValue = toAuditValue(before[field]);
    const newValue = toAuditValue(next);
    if (!same(oldValue, newValue)) changes[field] = { old: oldValue, new: newValue };
  }
  return changes;
};

/** A created row's fields as `{ field: { new } }`. */
export const creationFields = (row: Record<string, unknown>): AuditChanges =>
  Object.fromEntries(
    Object.entries(row)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field, { new: toAuditValue(value) }]),
  );

interface HeadRow {
  seq: number;
  hash: Uint8Array;
  createdAt: Date;
}

/**
 * Appends one event to the team's chain. Call it inside the transaction that made the change,
 * after the change: the head-row lock is then held only from here to commit.
 */
export const appendAudit = async (tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<{ seq: number }> => {
  // Creates the head on a team's first event and locks it either way (ON CONFLICT DO UPDATE takes
  // the row lock and returns the current values).
  const [head] = await tx.$queryRaw<HeadRow[]>`
    INSERT INTO "AuditChainHead" ("teamId", seq, hash, "createdAt")
    VALUES (${entry.teamId}::uuid, 0, ${GENESIS_HASH}, to_timestamp(0))
    ON CONFLICT ("teamId") DO UPDATE SET seq = "AuditChainHead".seq
    RETURNING seq, hash, "createdAt"`;
  if (!head) throw new Error('audit chain head was not returned');
  const event: ChainedEvent = {
    ...entry,
    seq: head.seq + 1,
    actorId: actor.actorId,
    requestId: actor.requestId,
    // Never before the previous event, even when app servers' clocks disagree: a date range is then
    // a contiguous range of seq, which keeps date-filtered pages on an index.
    createdAt: actor.now.getTime() < head.createdAt.getTime() ? head.createdAt : actor.now,
  };
  const hash = chainHash(head.hash, event);
  await tx.$executeRaw`
    WITH appended AS (
      INSERT INTO "AuditEvent"
        ("teamId", seq, "actorId", action, "entityType", "entityId", changes, "requestId", "createdAt", "prevHash", hash)
      VALUES (${event.teamId}::uuid, ${event.seq}, ${event.actorId}::uuid, ${event.action}, ${event.entityType},
              ${event.entityId}, ${JSON.stringify(event.changes)}::jsonb, ${event.requestId}, ${event.createdAt},
              ${head.hash}, ${hash})
      RETURNING seq
    )
    UPDATE "AuditChainHead" SET seq = ${event.seq}, hash = ${hash}, "createdAt" = ${event.createdAt}
    WHERE "teamId" = ${event.teamId}::uuid`;
  return { seq: event.seq };
};

export interface VerifyResult {
  ok: boolean;
  /** Events read and checked. */
  events: number;
  /** The last seq the head records (0 for a team without events). */
  headSeq: number;
  /** The first seq at which the chain does not hold, or null when it holds. */
  firstBrokenSeq: number | null;
  /** What was wrong at firstBrokenSeq, in words. */
  reason: string | null;
}

interface StoredEventRow {
  seq: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
  requestId: string;
  createdAt: Date;
  prevHash: Uint8Array;
  hash: Uint8Array;
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Recomputes a team's chain from the first event and names the first seq where it breaks: a gap
 * or repeat in seq (a deleted or inserted row), a prevHash that is not the previous event's hash,
 * or a hash that does not match the event's content (a changed payload or swapped rows). Reads in
 * keyset batches, so memory stays flat however long the chain is.
 */
export const verifyChain = async ({
  db,
  teamId,
  batchSize = 5_000,
}: {
  db: Db;
  teamId: string;
  batchSize?: number;
}): Promise<VerifyResult> => {
  const head = await db.auditChainHead.findUnique({ where: { teamId }, select: { seq: true, hash: true } });
  const headSeq = head?.seq ?? 0;
  const broken = (events: number, seq: number, reason: string): VerifyResult => ({
    ok: false,
    events,
    headSeq,
    firstBrokenSeq: seq,
    reason,
  });

  let prevHash: Uint8Array = GENESIS_HASH;
  let expectedSeq = 1;
  let events = 0;
  // Only up to the head read above: events appended while this runs are checked by the next run.
  // (Rows past the head that no append recorded are caught by the last check below.)
  const batchFrom = (fromSeq: number) => {
    const batch = db.$queryRaw<StoredEventRow[]>`
      SELECT seq, "actorId"::text AS "actorId", action, "entityType", "entityId", changes, "requestId",
             "createdAt", "prevHash", hash
      FROM "AuditEvent"
      WHERE "teamId" = ${teamId}::uuid AND seq >= ${fromSeq} AND seq <= ${headSeq}
      ORDER BY seq
      LIMIT ${batchSize}`;
    // Starts the query now (Prisma's promises are lazy), and keeps a batch left unread when the
    // chain breaks early from becoming an unhandled rejection.
    batch.catch(() => undefined);
    return batch;
  };
  let next = batchFrom(1);
  for (;;) {
    const rows = await next;
    const last = rows.at(-1);
    // The next batch is read while this one is hashed.
    if (last && rows.length === batchSize) next = batchFrom(last.seq + 1);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return broken(events, expectedSeq, `event ${expectedSeq} is missing (the next stored event is ${row.seq})`);
      }
      if (!equalBytes(row.prevHash, prevHash)) {
        return broken(events, row.seq, `event ${row.seq} does not link to the hash of event ${row.seq - 1}`);
      }
      const recomputed = chainHash(prevHash, { teamId, ...row });
      if (!equalBytes(recomputed, row.hash)) {
        return broken(
          events,
          row.seq,
          `event ${row.seq} was changed after it was written (its hash does not match its content)`,
        );
      }
      prevHash = row.hash;
      expectedSeq += 1;
      events += 1;
    }
    if (rows.length < batchSize) break;
  }
  if (events < headSeq) {
    return broken(
      events,
      expectedSeq,
      `events ${expectedSeq}–${headSeq} are missing (the chain's head records ${headSeq})`,
    );
  }
  if (head && !equalBytes(head.hash, prevHash)) {
    return broken(events, headSeq, `the chain's head does not match event ${headSeq}`);
  }
  // An append writes its event and moves the head in one transaction, so in one snapshot the last
  // event and the head agree; an event past the head was written by something other than appendAudit.
  const [tail] = await db.$queryRaw<{ lastSeq: number | null; headSeq: number | null }[]>`
    SELECT (SELECT max(seq) FROM "AuditEvent" WHERE "teamId" = ${teamId}::uuid) AS "lastSeq",
           (SELECT seq FROM "AuditChainHead" WHERE "teamId" = ${teamId}::uuid) AS "headSeq"`;
  const currentHead = tail?.headSeq ?? 0;
  if ((tail?.lastSeq ?? 0) > currentHead) {
    return broken(events, currentHead + 1, `events after ${currentHead} are not recorded in the chain's head`);
  }
  return { ok: true, events, headSeq, firstBrokenSeq: null, reason: null };
};

// ---------------------------------------------------------------------------------------------
// Reading the trail: pages newest first, the choices for the filters, and the CSV export.
//
// Every read is an index range scan whatever the filter: each filter column has an index ending in
// seq — (teamId, seq), (teamId, entityType, seq), (teamId, entityType, entityId, seq),
// (teamId, actorId, seq), (teamId, action, seq) — and pages are keyset pages on seq. A date range
// is first turned into a range of seq with two lookups on (teamId, createdAt, seq), which works
// because appendAudit never lets createdAt go backwards within a team.

/** The filter as the validators parse it: dates are `YYYY-MM-DD`, read as UTC days. */
export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Inclusive bounds on seq; an absent bound is open. */
export interface SeqRange {
  min?: number | undefined;
  max?: number | undefined;
}

const DAY_MS = 86_400_000;
const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** The first event on or after the start of `from` (UTC). */
export const firstSeqFromSql = (teamId: string, from: string) => Prisma.sql`
  SELECT seq FROM "AuditEvent"
  WHERE "teamId" = ${teamId}::uuid AND "createdAt" >= ${startOfDay(from)}
  ORDER BY "createdAt", seq
  LIMIT 1`;

/** The last event before the end of `to` (UTC). */
export const lastSeqToSql = (teamId: string, to: string) => Prisma.sql`
  SELECT seq FROM "AuditEvent"
  WHERE "teamId" = ${teamId}::uuid AND "createdAt" < ${new Date(startOfDay(to).getTime() + DAY_MS)}
  ORDER BY "createdAt" DESC, seq DESC
  LIMIT 1`;

/**
 * The seq range a date range covers, or null when no event falls in it. Two index lookups, so a
 * date-filtered page costs the same as any other.
 */
export const seqRangeOfDates = async (
  db: Db,
  teamId: string,
  { from, to }: Pick<AuditFilter, 'from' | 'to'>,
): Promise<SeqRange | null> => {
  const range: SeqRange = {};
  if (from) {
    const [first] = await db.$queryRaw<{ seq: number }[]>(firstSeqFromSql(teamId, from));
    if (!first) return null;
    range.min = first.seq;
  }
  if (to) {
    const [last] = await db.$queryRaw<{ seq: number }[]>(lastSeqToSql(teamId, to));
    if (!last) return null;
    range.max = last.seq;
  }
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) return null;
  return range;
};

export interface AuditEventsQuery {
  teamId: string;
  filter: AuditFilter;
  range: SeqRange;
  order: 'newest' | 'oldest';
  limit: number;
}

/** The one statement that reads a page (or a CSV batch): the service runs it, the benchmark EXPLAINs it. */
export const auditEventsSql = ({ teamId, filter, range, order, limit }: AuditEventsQuery) => {
  const conditions = [Prisma.sql`e."teamId" = ${teamId}::uuid`];
  if (filter.entityType) conditions.push(Prisma.sql`e."entityType" = ${filter.entityType}`);
  if (filter.entityId) conditions.push(Prisma.sql`e."entityId" = ${filter.entityId}`);
  if (filter.actorId) conditions.push(Prisma.sql`e."actorId" = ${filter.actorId}::uuid`);
  if (filter.action) conditions.push(Prisma.sql`e.action = ${filter.action}`);
  if (range.min !== undefined) conditions.push(Prisma.sql`e.seq >= ${range.min}`);
  if (range.max !== undefined) conditions.push(Prisma.sql`e.seq <= ${range.max}`);
  return Prisma.sql`
    SELECT e.seq, e."createdAt", e."actorId"::text AS "actorId", u."displayName" AS "actorName",
           u.email AS "actorEmail", e.action, e."entityType", e."entityId", e.changes, e."requestId",
           e.hash, e."prevHash"
    FROM "AuditEvent" e
    LEFT JOIN "User" u ON u.id = e."actorId"
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY e.seq ${order === 'newest' ? Prisma.sql`DESC` : Prisma.sql`ASC`}
    LIMIT ${limit}`;
};

interface AuditEventRow {
  seq: number;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
  requestId: string;
  hash: Uint8Array;
  prevHash: Uint8Array;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Narrows `range` to the part on the far side of a keyset cursor. */
const pastCursor = (range: SeqRange, cursor: number | undefined, order: 'newest' | 'oldest'): SeqRange => {
  if (cursor === undefined) return range;
  return order === 'newest'
    ? { ...range, max: Math.min(range.max ?? Infinity, cursor - 1) }
    : { ...range, min: Math.max(range.min ?? -Infinity, cursor + 1) };
};

export const AUDIT_PAGE_LIMIT = 100;

export interface AuditEventView {
  seq: number;
  createdAt: Date;
  /** Null for events no person caused. */
  actor: { id: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: AuditChanges;
  requestId: string;
  /** SHA-256 of the event in its chain, hex. */
  hash: string;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/**
 * One page of a team's audit trail, newest first. Keyset pagination on seq: `cursor` is the seq
 * of the last event already shown, so pages stay correct while events are appended and cost the
 * same however deep they go. The team is part of every condition, so an actor or entity id of
 * another team simply matches nothing.
 */
export const findAuditEvents = async ({
  db,
  teamId,
  filter,
  cursor,
  limit,
}: {
  db: Db;
  teamId: string;
  filter: AuditFilter;
  cursor?: number | undefined;
  limit: number;
}): Promise<AuditPage> => {
  const pageSize = Math.max(1, Math.min(AUDIT_PAGE_LIMIT, Math.trunc(limit)));
  const dates = await seqRangeOfDates(db, teamId, filter);
  if (!dates) return { events: [], nextCursor: null };
  const range = pastCursor(dates, cursor, 'newest');
  if (range.max !== undefined && range.max < (range.min ?? 1)) return { events: [], nextCursor: null };
  // One more than a page: whether it comes back says if there is an older page.
  const rows = await db.$queryRaw<AuditEventRow[]>(
    auditEventsSql({ teamId, filter, range, order: 'newest', limit: pageSize + 1 }),
  );
  const page = rows.slice(0, pageSize);
  return {
    events: page.map((row) => ({
      seq: row.seq,
      createdAt: row.createdAt,
      actor: row.actorId ? { id: row.actorId, displayName: row.actorName ?? 'Unknown' } : null,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      changes: row.changes,
      requestId: row.requestId,
      hash: hex(row.hash),
    })),
    nextCursor: rows.length > pageSize ? (page.at(-1)?.seq ?? null) : null,
  };
};

/** The most distinct values a filter choice lists. */
const FILTER_OPTIONS_MAX = 200;

/**
 * The distinct actions, entity types and actors in a team's trail, for the filters' choices. Each
 * list is a loose index scan (one index probe per distinct value, not a scan of the events), so it
 * stays cheap on a long trail; actors include former members, whose events remain.
 */
export const auditFilterOptions = async ({ db, teamId }: { db: Db; teamId: string }) => {
  const [actions, entityTypes, actors] = await Promise.all([
    db.$queryRaw<{ value: string }[]>`
      WITH RECURSIVE found(value) AS (
        (SELECT action FROM "AuditEvent" WHERE "teamId" = ${teamId}::uuid ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT action FROM "AuditEvent"
                WHERE "teamId" = ${teamId}::uuid AND action > found.value ORDER BY action LIMIT 1)
        FROM found WHERE found.value IS NOT NULL
      )
      SELECT value FROM found WHERE value IS NOT NULL LIMIT ${FILTER_OPTIONS_MAX}`,
    db.$queryRaw<{ value: string }[]>`
      WITH RECURSIVE found(value) AS (
        (SELECT "entityType" FROM "AuditEvent" WHERE "teamId" = ${teamId}::uuid ORDER BY "entityType" LIMIT 1)
        UNION ALL
        SELECT (SELECT "entityType" FROM "AuditEvent"
                WHERE "teamId" = ${teamId}::uuid AND "entityType" > found.value ORDER BY "entityType" LIMIT 1)
        FROM found WHERE found.value IS NOT NULL
      )
      SELECT value FROM found WHERE value IS NOT NULL LIMIT ${FILTER_OPTIONS_MAX}`,
    db.$queryRaw<{ id: string; displayName: string }[]>`
      WITH RECURSIVE found(value) AS (
        (SELECT "actorId" FROM "AuditEvent"
         WHERE "teamId" = ${teamId}::uuid AND "actorId" IS NOT NULL ORDER BY "actorId" LIMIT 1)
        UNION ALL
        SELECT (SELECT "actorId" FROM "AuditEvent"
                WHERE "teamId" = ${teamId}::uuid AND "actorId" > found.value ORDER BY "actorId" LIMIT 1)
        FROM found WHERE found.value IS NOT NULL
      ),
      actor AS (SELECT value FROM found WHERE value IS NOT NULL LIMIT ${FILTER_OPTIONS_MAX})
      SELECT u.id::text AS id, u."displayName" AS "displayName"
      FROM actor JOIN "User" u ON u.id = actor.value
      ORDER BY u."displayName", u.id`,
  ]);
  return {
    actions: actions.map((row) => row.value),
    entityTypes: entityTypes.map((row) => row.value),
    actors,
  };
};

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'actor name',
  'actor email',
  'action',
  'entity type',
  'entity id',
  'changes',
  'request id',
  'hash',
  'prev hash',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula;
 * text a user typed (a display name, say) is prefixed with an apostrophe so it stays text.
 */
const asText = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''));

/**
 * A team's audit trail as CSV, oldest first, with the same filters as the pages: yields the header
 * line, then one chunk per keyset batch of `batchSize` events, so memory stays flat however long
 * the trail. Events appended after the export started are left out (it stops at the chain's head
 * as it was then), so one export is one consistent range.
 */
export async function* streamAuditCsv({
  db,
  teamId,
  filter,
  batchSize = 2_000,
}: {
  db: Db;
  teamId: string;
  filter: AuditFilter;
  batchSize?: number;
}): AsyncGenerator<string> {
  yield stringify([[...AUDIT_CSV_COLUMNS]]);
  const head = await db.auditChainHead.findUnique({ where: { teamId }, select: { seq: true } });
  const dates = head ? await seqRangeOfDates(db, teamId, filter) : null;
  if (!head || !dates) return;
  let range: SeqRange = { ...dates, max: Math.min(dates.max ?? head.seq, head.seq) };
  for (;;) {
    const rows = await db.$queryRaw<AuditEventRow[]>(
      auditEventsSql({ teamId, filter, range, order: 'oldest', limit: batchSize }),
    );
    if (rows.length === 0) return;
    yield stringify(
      rows.map((row) => [
        row.seq,
        row.createdAt.toISOString(),
        asText(row.actorName),
        asText(row.actorEmail),
        row.action,
        row.entityType,
        asText(row.entityId),
        JSON.stringify(row.changes),
        asText(row.requestId),
        hex(row.hash),
        hex(row.prevHash),
      ]),
    );
    if (rows.length < batchSize) return;
    range = pastCursor(range, rows.at(-1)!.seq, 'oldest');
  }
}
