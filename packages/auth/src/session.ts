// Sessions after Lucia's current design (lucia-auth.com's reference implementation; the `lucia`
// package itself is deprecated): the cookie carries `<id>.<secret>`, the database keeps only
// SHA-256(secret), and the comparison is constant-time. A stolen database copy therefore cannot be
// turned into a working cookie, and a guessed id alone is worthless.
//
// The pure parts (token generation and parsing, hashing, expiry decisions) take no I/O and no clock
// of their own; the database functions take `now` from the caller so tests can move time.
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Db } from '@rightsize/db';

export interface SessionPolicy {
  /** A session unused for this long ends. Sliding: use pushes it forward. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in however much it is used. */
  absoluteLifetimeMs: number;
  /** The idle expiry is pushed forward at most this often, so a busy user costs one write an hour. */
  renewIntervalMs: number;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 7 * DAY_MS,
  absoluteLifetimeMs: 30 * DAY_MS,
  renewIntervalMs: HOUR_MS,
};

/** 15 random bytes (120 bits) name the row: enough that ids never collide, and cheap to index. */
const ID_BYTES = 15;
/** 32 random bytes (256 bits) are the secret. */
const SECRET_BYTES = 32;
const ID_LENGTH = Math.ceil((ID_BYTES * 8) / 5);
const SECRET_LENGTH = Math.ceil((SECRET_BYTES * 8) / 5);
const TOKEN_PATTERN = new RegExp(`^([a-z2-7]{${ID_LENGTH}})\\.([a-z2-7]{${SECRET_LENGTH}})$`);

/** Bytes from the platform CSPRNG (Web Crypto). */
export const randomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

export interface SessionToken {
  id: string;
  secret: string;
  /** What the cookie holds: `<id>.<secret>`. */
  token: string;
}

export const generateSessionToken = (random: (length: number) => Uint8Array = randomBytes): SessionToken => {
  const id = encodeBase32LowerCaseNoPadding(random(ID_BYTES));
  const secret = encodeBase32LowerCaseNoPadding(random(SECRET_BYTES));
  return { id, secret, token: `${id}.${secret}` };
};

/** Splits a cookie value; anything not shaped like a token is null (no database lookup for junk). */
export const parseSessionToken = (token: string): { id: string; secret: string } | null => {
  const match = TOKEN_PATTERN.exec(token);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : null;
};

export const hashSecret = (secret: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(sha256(new TextEncoder().encode(secret)));

/** Constant-time: the time taken does not tell an attacker how many leading bytes were right. */
export const secretMatches = (secret: string, storedHash: Uint8Array): boolean =>
  constantTimeEqual(hashSecret(secret), storedHash);

export interface SessionTimes {
  createdAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export const newSessionTimes = (now: Date, policy: SessionPolicy = SESSION_POLICY): SessionTimes => {
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteLifetimeMs);
  const idle = new Date(now.getTime() + policy.idleTimeoutMs);
  return { createdAt: now, idleExpiresAt: idle < absoluteExpiresAt ? idle : absoluteExpiresAt, absoluteExpiresAt };
};

export type ExpiryDecision = { status: 'expired' } | { status: 'valid'; renewTo: Date | null };

/**
 * Whether a session is still good at `now`, and if so whether its idle expiry should move forward:
 * only when the last push is at least `renewIntervalMs` old, and never past the absolute limit.
 */
export const decideExpiry = (
  session: Pick<SessionTimes, 'idleExpiresAt' | 'absoluteExpiresAt'>,
  now: Date,
  policy: SessionPolicy = SESSION_POLICY,
): ExpiryDecision => {
  const t = now.getTime();
  if (t >= session.idleExpiresAt.getTime() || t >= session.absoluteExpiresAt.getTime()) return { status: 'expired' };
  const lastPushedAt = session.idleExpiresAt.getTime() - policy.idleTimeoutMs;
  if (t - lastPushedAt < policy.renewIntervalMs) return { status: 'valid', renewTo: null };
  const renewTo = Math.min(t + policy.idleTimeoutMs, session.absoluteExpiresAt.getTime());
  return { status: 'valid', renewTo: renewTo > session.idleExpiresAt.getTime() ? new Date(renewTo) : null };
};

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

export interface ValidSession {
  session: { id: string; userId: string; expiresAt: Date };
  user: SessionUser;
  /** True when the expiry moved: the cookie should be sent again with the new date. */
  renewed: boolean;
}

interface Options {
  /** The client or an open transaction. */
  db: Pick<Db, 'session'>;
  now: Date;
  policy?: SessionPolicy;
}

/** Starts a session; the returned token goes into the cookie and is never stored. */
export const createSession = async ({
  db,
  now,
  userId,
  policy = SESSION_POLICY,
}: Options & { userId: string }): Promise<{ token: string; expiresAt: Date; id: string }> => {
  const { id, secret, token } = generateSessionToken();
  const times = newSessionTimes(now, policy);
  await db.session.create({ data: { id, secretHash: hashSecret(secret), userId, ...times }, select: { id: true } });
  return { token, expiresAt: times.idleExpiresAt, id };
};

/**
 * The session and user for a cookie value, or null when the token is malformed, unknown, tampered
 * with or expired (an expired row is deleted on the way).
 */
export const validateSessionToken = async ({
  db,
  now,
  token,
  policy = SESSION_POLICY,
}: Options & { token: string }): Promise<ValidSession | null> => {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const row = await db.session.findUnique({
    where: { id: parsed.id },
    select: {
      id: true,
      secretHash: true,
      userId: true,
      idleExpiresAt: true,
      absoluteExpiresAt: true,
      user: { select: { id: true, email: true, displayName: true } },
    },
  });
  if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
  const decision = decideExpiry(row, now, policy);
  if (decision.status === 'expired') {
    await db.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  let expiresAt = row.idleExpiresAt;
  if (decision.renewTo) {
    // Conditional on the value read, so two concurrent requests do not both write.
    await db.session.updateMany({
      where: { id: row.id, idleExpiresAt: row.idleExpiresAt },
      data: { idleExpiresAt: decision.renewTo },
    });
    expiresAt = decision.renewTo;
  }
  return { session: { id: row.id, userId: row.userId, expiresAt }, user: row.user, renewed: decision.renewTo !== null };
};

export const invalidateSession = async ({
  db,
  sessionId,
}: {
  db: Pick<Db, 'session'>;
  sessionId: string;
}): Promise<void> => {
  await db.session.deleteMany({ where: { id: sessionId } });
};

/** Ends every session of a user except `keep` (the one that asked, after a password change). */
export const invalidateOtherSessions = async ({
  db,
  userId,
  keep,
}: {
  db: Pick<Db, 'session'>;
  userId: string;
  keep?: string;
}): Promise<number> => {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
};

/** Drops a user's sessions that have run out, so the table does not grow with abandoned browsers. */
export const deleteExpiredSessions = async ({
  db,
  userId,
  now,
}: {
  db: Pick<Db, 'session'>;
  userId: string;
  now: Date;
}) => {
  await db.session.deleteMany({
    where: { userId, OR: [{ idleExpiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
  });
};
