// Password re-entry for high-value actions (signing a decision off): a session left open on someone
// else's screen is not enough. Attempts count against the same throttles as sign-in, per account
// and per client address, so a borrowed session cannot be used to guess the password either.
import {
  SIGN_IN_THROTTLE,
  consumeAttempt,
  refundAttempt,
  resetAttempts,
  verifyPassword,
  type ThrottleResult,
} from '@rightsize/auth';
import type { Db } from '@rightsize/db';
import { AppError } from '../errors.ts';
import type { PasswordVerifier } from './auth.ts';

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

const throttled = (result: Extract<ThrottleResult, { allowed: false }>, who: string) =>
  new AppError(
    'THROTTLED',
    `Too many wrong passwords ${who}. Try again in ${minutes(result.retryAfterMs)} minute${minutes(result.retryAfterMs) === 1 ? '' : 's'}.`,
    { retryAfterSeconds: Math.ceil(result.retryAfterMs / 1000) },
  );

/**
 * Checks the signed-in user's password. A wrong one is INVALID on the `password` field (the
 * session stays valid); too many wrong ones, here or at sign-in, THROTTLED. Commits its counters
 * on its own, before the action's transaction.
 */
export const confirmPassword = async ({
  db,
  userId,
  password,
  clientAddress,
  now,
  verify = verifyPassword,
}: {
  db: Db;
  userId: string;
  password: string;
  clientAddress: string;
  now: Date;
  verify?: PasswordVerifier;
}): Promise<void> => {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  const byAddress = await consumeAttempt(db, SIGN_IN_THROTTLE.address, clientAddress, now);
  if (!byAddress.allowed) throw throttled(byAddress, 'from your network');
  const byAccount = await consumeAttempt(db, SIGN_IN_THROTTLE.account, user.email, now);
  if (!byAccount.allowed) throw throttled(byAccount, 'for this account');
  if (!(await verify(user.passwordHash, password))) {
    throw new AppError('INVALID', 'That is not your password.', {
      fieldErrors: { password: ['That is not your password.'] },
    });
  }
  await resetAttempts(db, SIGN_IN_THROTTLE.account, user.email);
  await refundAttempt(db, SIGN_IN_THROTTLE.address, clientAddress, now);
};
