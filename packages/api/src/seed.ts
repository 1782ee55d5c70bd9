import { hashPassword } from '@rightsize/auth';
import type { Capacity, Db, Role } from '@rightsize/db';

/** Demo mode only: the seeded workspace's shared password (printed by `pnpm start`, listed in the README). */
export const DEMO_PASSWORD = 'rightsize-demo-2026';

export const DEMO_TEAM = { name: 'Demo team', slug: 'demo' } as const;

export const DEMO_USERS: readonly { email: string; displayName: string; role: Role; capacities: Capacity[] }[] = [
  { email: 'owner@demo.example', displayName: 'Olivia Owner', role: 'OWNER', capacities: ['ENGINEERING', 'PRODUCT'] },
  { email: 'admin@demo.example', displayName: 'Adam Admin', role: 'ADMIN', capacities: ['SECURITY'] },
  { email: 'editor@demo.example', displayName: 'Edith Editor', role: 'EDITOR', capacities: ['ENGINEERING'] },
  { email: 'viewer@demo.example', displayName: 'Victor Viewer', role: 'VIEWER', capacities: ['FINANCE'] },
];

/**
 * A second team, so the team switcher has something to switch to and roles differ per team: the
 * demo editor owns it and the demo owner is only an editor there.
 */
export const DEMO_SECOND_TEAM = {
  name: 'Search relevance',
  slug: 'demo-search',
  members: [
    { email: 'editor@demo.example', role: 'OWNER', capacities: ['ENGINEERING'] },
    { email: 'owner@demo.example', role: 'EDITOR', capacities: ['PRODUCT'] },
  ],
} as const satisfies {
  name: string;
  slug: string;
  members: readonly { email: string; role: Role; capacities: Capacity[] }[];
};

/**
 * Creates the demo teams and one user per role, if the database has no team yet.
 * Returns whether it seeded, so a caller can say so.
 */
export const seedDemo = async ({ db }: { db: Db }): Promise<{ seeded: boolean }> => {
  if ((await db.team.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: DEMO_TEAM, select: { id: true } });
    const ids = new Map<string, string>();
    for (const user of DEMO_USERS) {
      const created = await tx.user.create({
        data: {
          email: user.email,
          displayName: user.displayName,
          passwordHash,
          memberships: { create: { teamId: team.id, role: user.role, capacities: user.capacities } },
        },
        select: { id: true },
      });
      ids.set(user.email, created.id);
    }
    const second = await tx.team.create({
      data: { name: DEMO_SECOND_TEAM.name, slug: DEMO_SECOND_TEAM.slug },
      select: { id: true },
    });
    for (const member of DEMO_SECOND_TEAM.members) {
      const userId = ids.get(member.email);
      if (!userId) throw new Error(`demo seed: ${member.email} is not a demo user`);
      await tx.membership.create({
        data: { teamId: second.id, userId, role: member.role, capacities: [...member.capacities] },
        select: { teamId: true },
      });
    }
  });
  return { seeded: true };
};
