import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZSetRole, ZSignIn, ZSignUp, ZTeamCreate, ZTeamInvite, roleAtLeast } from './index.ts';

const fieldErrors = (result: { success: boolean; error?: z.ZodError }) =>
  result.error ? z.flattenError(result.error).fieldErrors : {};

describe('shared schemas', () => {
  it('trims and lower-cases email addresses', () => {
    expect(ZSignIn.parse({ email: '  Ada@Example.COM ', password: 'x' }).email).toBe('ada@example.com');
  });

  it('names the field of each problem', () => {
    const result = ZSignUp.safeParse({ email: 'not-an-email', displayName: '  ', password: 'short' });
    expect(Object.keys(fieldErrors(result)).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('bounds every string', () => {
    expect(fieldErrors(ZTeamCreate.safeParse({ name: 'x'.repeat(101) }))).toHaveProperty('name');
    expect(fieldErrors(ZSignIn.safeParse({ email: `${'a'.repeat(250)}@x.io`, password: 'p' }))).toHaveProperty('email');
    expect(fieldErrors(ZSignIn.safeParse({ email: 'a@b.io', password: 'p'.repeat(257) }))).toHaveProperty('password');
  });

  it('keeps capacities in a fixed order without duplicates, and refuses unknown ones', () => {
    const teamId = '0190f5a0-0000-7000-8000-000000000000';
    const parsed = ZTeamInvite.parse({
      teamId,
      email: 'a@b.io',
      role: 'EDITOR',
      capacities: ['SECURITY', 'FINANCE', 'SECURITY'],
    });
    expect(parsed.capacities).toEqual(['FINANCE', 'SECURITY']);
    expect(
      fieldErrors(ZTeamInvite.safeParse({ teamId, email: 'a@b.io', role: 'EDITOR', capacities: ['LEGAL'] })),
    ).toHaveProperty('capacities');
  });

  it('refuses ids that are not UUIDs and roles that do not exist', () => {
    const errors = fieldErrors(
      ZSetRole.safeParse({ teamId: '1', userId: 'x', role: 'BOSS', capacities: [], version: 0 }),
    );
    expect(Object.keys(errors).sort()).toEqual(['role', 'teamId', 'userId', 'version']);
  });

  it('orders roles OWNER > ADMIN > EDITOR > VIEWER', () => {
    expect(roleAtLeast('OWNER', 'ADMIN')).toBe(true);
    expect(roleAtLeast('ADMIN', 'ADMIN')).toBe(true);
    expect(roleAtLeast('EDITOR', 'ADMIN')).toBe(false);
    expect(roleAtLeast('VIEWER', 'EDITOR')).toBe(false);
  });
});
