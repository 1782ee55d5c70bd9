import {
  SIGN_IN_THROTTLE,
  consumeAttempt,
  createSession,
  deleteExpiredSessions,
  hashPassword,
  invalidateOtherSessions,
  invalidateSession,
  newPasswordProblem,
  pruneThrottle,
  refundAttempt,
  resetAttempts,
  verifyPassword,
  type SessionUser,
  type ThrottleResult,
} from '@rightsize/auth';
import { Prisma, type Db } from '@rightsize/db';
import type { TChangePassword, TSignIn, TSignUp } from '@rightsize/validators';
import { AppError } from '../errors.ts';

export interface IssuedSession {
  user: SessionUser;
  token: string;
  expiresAt: Date;
}

/** Checks a password against a stored hash; a parameter so tests can count how often it runs. */
export type PasswordVerifier = (storedHash: string, password: string) => Promise<boolean>;

const userSelect = { id: true, email: true, displayName: true } as const;

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

const throttled = (result: Extract<ThrottleResult, { allowed: false }>, who: string) =>
  new AppError(
    'THROTTLED',
    `Too many failed sign-ins ${who}. Try again in ${minutes(result.retryAfterMs)} minute${minutes(result.retryAfterMs) === 1 ? '' : 's'}.`,
    { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) },
  );

// Unknown addresses are checked against this hash so a miss takes as long as a wrong password and
// the response time does not tell which addresses have accounts. Made once per process.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword('decoy password that no account has'));

export const signUp = async ({
  db,
  now,
  input,
  replacesSessionId,
}: {
  db: Db;
  now: Date;
  input: TSignUp;
  /** The session the browser had, if any: ended so the old token cannot be reused. */
  replacesSessionId?: string | undefined;
}): Promise<IssuedSession> => {
  const problem = newPasswordProblem(input.password);
  if (problem) throw new AppError('INVALID', problem, { fieldErrors: { password: [problem] } });
  const taken = () =>
    new AppError('CONFLICT', 'An account with this email already exists.', {
      fieldErrors: { email: ['An account with this email already exists. Sign in instead.'] },
    });
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw taken();
  // Hashing takes tens of milliseconds: done before the transaction so no connection waits on it.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, displayName: input.displayName, passwordHash },
        select: userSelect,
      });
      if (replacesSessionId) await invalidateSession({ db: tx, sessionId: replacesSessionId });
      const session = await createSession({ db: tx, now, userId: user.id });
      return { user, token: session.token, expiresAt: session.expiresAt };
    });
  } catch (error) {
    // Two sign-ups for one address at once: the unique index decides, the loser hears why.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw taken();
    throw error;
  }
};

export const signIn = async ({
  db,
  now,
  input,
  clientAddress,
  replacesSessionId,
  verify = verifyPassword,
}: {
  db: Db;
  now: Date;
  input: TSignIn;
  clientAddress: string;
  replacesSessionId?: string | undefined;
  verify?: PasswordVerifier;
}): Promise<IssuedSession> => {
  await pruneThrottle(db, now);
  // Both counters move before the hash runs: a refused attempt costs no hashing, and concurrent
  // attempts cannot all slip in under the limit (see throttle.ts).
  const byAddress = await consumeAttempt(db, SIGN_IN_THROTTLE.address, clientAddress, now);
  if (!byAddress.allowed) throw throttled(byAddress, 'from your network');
  const byAccount = await consumeAttempt(db, SIGN_IN_THROTTLE.account, input.email, now);
  if (!byAccount.allowed) throw throttled(byAccount, 'for this account');

  const found = await db.user.findUnique({
    where: { email: input.email },
    select: { ...userSelect, passwordHash: true },
  });
  const matches = await verify(found?.passwordHash ?? (await decoy()), input.password);
  if (!found || !matches) throw new AppError('UNAUTHENTICATED', 'Wrong email or password.');

  await resetAttempts(db, SIGN_IN_THROTTLE.account, input.email);
  // Only failures count against an address that many people may share.
  await refundAttempt(db, SIGN_IN_THROTTLE.address, clientAddress, now);
  const { passwordHash: _hash, ...user } = found;
  return db.$transaction(async (tx) => {
    await deleteExpiredSessions({ db: tx, userId: user.id, now });
    if (replacesSessionId) await invalidateSession({ db: tx, sessionId: replacesSessionId });
    const session = await createSession({ db: tx, now, userId: user.id });
    return { user, token: session.token, expiresAt: session.expiresAt };
  });
};

export const signOut = async ({ db, sessionId }: { db: Db; sessionId: string }): Promise<void> => {
  await invalidateSession({ db, sessionId });
};

export const getMe = async ({ db, userId }: { db: Db; userId: string }) => {
  const user = await db.user.findUnique({ where: { id: userId }, select: { ...userSelect, createdAt: true } });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return user;
};

/**
 * Checks the current password (throttled like a sign-in, so a borrowed session cannot be used to
 * guess it), stores the new one, and ends every other session of the user.
 */
export const changePassword = async ({
  db,
  now,
  userId,
  sessionId,
  input,
  verify = verifyPassword,
}: {
  db: Db;
  now: Date;
  userId: string;
  sessionId: string;
  input: TChangePassword;
  verify?: PasswordVerifier;
}): Promise<{ otherSessionsEnded: number }> => {
  const problem = newPasswordProblem(input.newPassword);
  if (problem) throw new AppError('INVALID', problem, { fieldErrors: { newPassword: [problem] } });
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true, version: true },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');

  const attempt = await consumeAttempt(db, SIGN_IN_THROTTLE.account, user.email, now);
  if (!attempt.allowed) throw throttled(attempt, 'for this account');
  if (!(await verify(user.passwordHash, input.currentPassword))) {
    throw new AppError('INVALID', 'That is not your current password.', {
      fieldErrors: { currentPassword: ['That is not your current password.'] },
    });
  }
  await resetAttempts(db, SIGN_IN_THROTTLE.account, user.email);

  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    // Conditional on the version read: a concurrent change of the same password loses cleanly.
    const { count } = await tx.user.updateMany({
      where: { id: userId, version: user.version },
      data: { passwordHash, version: { increment: 1 } },
    });
    if (count !== 1)
      throw new AppError('CONFLICT', 'Your password was changed at the same time elsewhere. Sign in again.');
    const otherSessionsEnded = await invalidateOtherSessions({ db: tx, userId, keep: sessionId });
    return { otherSessionsEnded };
  });
};
