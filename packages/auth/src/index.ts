export { ARGON2_PARAMS, hashPassword, verifyPassword } from './password.ts';
export { isCommonPassword, newPasswordProblem } from './password-policy.ts';
export {
  SESSION_POLICY,
  createSession,
  decideExpiry,
  deleteExpiredSessions,
  generateSessionToken,
  hashSecret,
  invalidateOtherSessions,
  invalidateSession,
  newSessionTimes,
  parseSessionToken,
  randomBytes,
  secretMatches,
  validateSessionToken,
  type SessionPolicy,
  type SessionUser,
  type ValidSession,
} from './session.ts';
export {
  SIGN_IN_THROTTLE,
  consumeAttempt,
  pruneThrottle,
  refundAttempt,
  resetAttempts,
  throttleKey,
  type ThrottleResult,
  type ThrottleRule,
} from './throttle.ts';
export {
  clearedSessionCookieOptions,
  isLocalhost,
  sessionCookieName,
  sessionCookieOptions,
  type SessionCookieOptions,
} from './cookie.ts';
