import { isCommonPassword, verifyPassword } from '@rightsize/auth';
import { createTestDatabase, type TestDatabase } from '@rightsize/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TEAM, DEMO_USERS, seedDemo } from './seed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('the demo seed', () => {
  it('creates the demo team with one user in each role, all signing in with the demo password', async () => {
    expect(await seedDemo({ db: t.db })).toEqual({ seeded: true });
    const members = await t.db.membership.findMany({
      where: { team: { slug: DEMO_TEAM.slug } },
      select: { role: true, user: { select: { email: true, passwordHash: true } } },
    });
    expect(members.map((m) => m.role).sort()).toEqual(['ADMIN', 'EDITOR', 'OWNER', 'VIEWER']);
    for (const member of members) expect(await verifyPassword(member.user.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(members.map((m) => m.user.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
  });

  it('gives the demo owner a second team to switch to, with another role there', async () => {
    const teams = await t.db.membership.findMany({
      where: { user: { email: 'owner@demo.example' } },
      select: { role: true },
    });
    expect(teams.map((m) => m.role).sort()).toEqual(['EDITOR', 'OWNER']);
  });

  it('seeds nothing when teams exist, and its password passes the sign-up policy', async () => {
    expect(await seedDemo({ db: t.db })).toEqual({ seeded: false });
    expect(isCommonPassword(DEMO_PASSWORD)).toBe(false);
  });
});
