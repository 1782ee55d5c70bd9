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
 * Creates the demo team and one user per role, if the database has no team yet.
 * Returns whether it seeded, so a caller can say so.
 */
export const seedDemo = async ({ db }: { db: Db }): Promise<{ seeded: boolean }> => {
  if ((await db.team.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const team = await tx.team.create({ data: DEMO_TEAM, select: { id: true } });
    for (const user of DEMO_USERS) {
      await tx.user.create({
        data: {
          email: user.email,
          displayName: user.displayName,
          passwordHash,
          memberships: { create: { teamId: team.id, role: user.role, capacities: user.capacities } },
        },
        select: { id: true },
      });
    }
  });
  return { seeded: true };
};
