import { z } from 'zod';
import { zEmail } from './common.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './constants.ts';

/** A new password: 8–256 characters (the common-password check runs on the server, with its list). */
export const zNewPassword = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

/** A password being checked: no policy hints, only a bound on what is hashed. */
const zGivenPassword = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`);

export const zDisplayName = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(100, 'Use at most 100 characters.');

export const ZSignUp = z.object({ email: zEmail, displayName: zDisplayName, password: zNewPassword });
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z.object({ email: zEmail, password: zGivenPassword });
export type TSignIn = z.infer<typeof ZSignIn>;

export const ZChangePassword = z.object({ currentPassword: zGivenPassword, newPassword: zNewPassword });
export type TChangePassword = z.infer<typeof ZChangePassword>;
