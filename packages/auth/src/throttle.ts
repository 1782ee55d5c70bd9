// Sign-in throttling, counted in PostgreSQL so every app instance sees the same numbers.
//
// Why not rate-limiter-flexible's PostgreSQL store (the library DESIGN names): it talks to a `pg`
// Pool of its own, while Prisma's adapter owns ours, so each instance would hold a second pool
// against PostgreSQL's shared connection limit; it creates its table at run time outside the
// migrations unless told not to; and it reads Date.now() itself, so window expiry cannot be tested
// with an injected clock. What we need is one statement, written here against the migrated
// LoginThrottle table: an atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING` counter.
//
// An attempt is counted *before* the password hash runs and refused when the count passes the
// limit. Counting first is what stops concurrent attempts: each one increments atomically, so of
// twelve simultaneous guesses only `limit` reach the hash, whichever instance they land on.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '@rightsize/db';

export interface ThrottleRule {
  /** Names the counter family; part of the stored key. */
  scope: string;
  /** Attempts allowed in one window; the next one is refused. */
  limit: number;
  /** A window starts at its first attempt and lasts this long. */
  windowMs: number;
}

const MINUTE_MS = 60_000;

export const SIGN_IN_THROTTLE = {
  /**
   * Guesses at one account from anywhere. Five in fifteen minutes is ~480 a day, hopeless against
   * a password that passed the common-password check, yet a user who mistypes gets four retries.
   */
  account: { scope: 'sign-in:account', limit: 5, windowMs: 15 * MINUTE_MS },
  /** Failures from one client address across accounts (password spraying); offices share an address. */
  address: { scope: 'sign-in:address', limit: 50, windowMs: 15 * MINUTE_MS },
} as const satisfies Record<string, ThrottleRule>;

/**
 * Keys are hashed: the table then holds neither addresses nor emails, and every key fits the
 * column whatever the subject's length.
 */
export const throttleKey = (rule: ThrottleRule, subject: string): string =>
  encodeHexLowerCase(sha256(new TextEncoder().encode(`${rule.scope}\u0000${subject}`)));

export type ThrottleResult =
  { allowed: true; attempts: number } | { allowed: false; attempts: number; retryAfterMs: number };

type Executor = Pick<Db, '$queryRaw' | '$executeRaw'>;

/** Counts one attempt and says whether it may proceed. Commits on its own (no transaction). */
export const consumeAttempt = async (
  db: Executor,
  rule: ThrottleRule,
  subject: string,
  now: Date,
): Promise<ThrottleResult> => {
  const key = throttleKey(rule, subject);
  const windowEndsAt = new Date(now.getTime() + rule.windowMs);
  // A window that has ended starts over at 1; otherwise the count goes up and the window stays.
  const [row] = await db.$queryRaw<{ attempts: number; windowEndsAt: Date }[]>`
    INSERT INTO "LoginThrottle" ("key", "attempts", "windowEndsAt")
    VALUES (${key}, 1, ${windowEndsAt})
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN "LoginThrottle"."windowEndsAt" <= ${now} THEN 1 ELSE "LoginThrottle"."attempts" + 1 END,
      "windowEndsAt" = CASE WHEN "LoginThrottle"."windowEndsAt" <= ${now} THEN ${windowEndsAt} ELSE "LoginThrottle"."windowEndsAt" END
    RETURNING "attempts", "windowEndsAt"`;
  if (!row) throw new Error('throttle upsert returned no row');
  if (row.attempts <= rule.limit) return { allowed: true, attempts: row.attempts };
  return {
    allowed: false,
    attempts: row.attempts,
    retryAfterMs: Math.max(0, new Date(row.windowEndsAt).getTime() - now.getTime()),
  };
};

/** Gives back one attempt (a success should not count against a shared address). */
export const refundAttempt = async (db: Executor, rule: ThrottleRule, subject: string, now: Date): Promise<void> => {
  await db.$executeRaw`
    UPDATE "LoginThrottle" SET "attempts" = GREATEST("attempts" - 1, 0)
    WHERE "key" = ${throttleKey(rule, subject)} AND "windowEndsAt" > ${now}`;
};

/** Forgets the count (after a successful sign-in the account starts clean). */
export const resetAttempts = async (db: Executor, rule: ThrottleRule, subject: string): Promise<void> => {
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ${throttleKey(rule, subject)}`;
};

/**
 * Deletes a bounded batch of windows that ended; called on sign-in so the table stays small with
 * no scheduler. The limit keeps one unlucky request from paying for a large backlog.
 */
export const pruneThrottle = async (db: Executor, now: Date, batch = 100): Promise<number> =>
  db.$executeRaw`
    DELETE FROM "LoginThrottle" WHERE "key" IN (
      SELECT "key" FROM "LoginThrottle" WHERE "windowEndsAt" <= ${now} LIMIT ${batch}
    )`;
