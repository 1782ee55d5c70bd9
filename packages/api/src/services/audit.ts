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
  for (;;) {
    const rows = await db.$queryRaw<StoredEventRow[]>`
      SELECT seq, "actorId"::text AS "actorId", action, "entityType", "entityId", changes, "requestId",
             "createdAt", "prevHash", hash
      FROM "AuditEvent"
      WHERE "teamId" = ${teamId}::uuid AND seq >= ${expectedSeq}
      ORDER BY seq
      LIMIT ${batchSize}`;
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
  if (events !== headSeq) {
    return events < headSeq
      ? broken(
          events,
          expectedSeq,
          `events ${expectedSeq}–${headSeq} are missing (the chain's head records ${headSeq})`,
        )
      : broken(events, headSeq + 1, `events after ${headSeq} are not recorded in the chain's head`);
  }
  if (head && !equalBytes(head.hash, prevHash)) {
    return broken(events, headSeq, `the chain's head does not match event ${headSeq}`);
  }
  return { ok: true, events, headSeq, firstBrokenSeq: null, reason: null };
};
