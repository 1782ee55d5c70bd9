import { describe, expect, it } from 'vitest';
import { isCommonPassword, newPasswordProblem } from './password-policy.ts';

describe('new password policy', () => {
  it.each(['password1', 'PASSWORD1', 'Password1', 'iloveyou', 'qwertyuiop', '12345678'])(
    'refuses %s: it is on the common-password list',
    (password) => {
      expect(isCommonPassword(password)).toBe(true);
      expect(newPasswordProblem(password)).toMatch(/most common/);
    },
  );

  it('refuses passwords shorter than 8 or longer than 256 characters', () => {
    expect(newPasswordProblem('Ab3$xyz')).toMatch(/at least 8/);
    expect(newPasswordProblem('x'.repeat(257))).toMatch(/at most 256/);
  });

  it('accepts a long, uncommon password at both length bounds', () => {
    expect(newPasswordProblem('tulip-orbit-53')).toBeNull();
    expect(newPasswordProblem('k9#vQ2!m')).toBeNull();
    expect(newPasswordProblem('z'.repeat(255) + 'q')).toBeNull();
  });
});
