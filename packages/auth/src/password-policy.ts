import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@rightsize/validators';
import commonPasswords from './data/common-passwords.json' with { type: 'json' };

// Lower-cased once: "Password1" is as guessable as "password1".
const COMMON = new Set((commonPasswords as string[]).map((password) => password.toLowerCase()));

/** True when the password is on the bundled list of the 10,000 most common passwords. */
export const isCommonPassword = (password: string): boolean => COMMON.has(password.toLowerCase());

/**
 * Why a new password is refused, in words for the form, or null when it is acceptable. The zod
 * schema checks the length too; this repeats it so the auth package holds on its own.
 */
export const newPasswordProblem = (password: string): string | null => {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (isCommonPassword(password))
    return 'This password is one of the most common ones; choose one that is harder to guess.';
  return null;
};
