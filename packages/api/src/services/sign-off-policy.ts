// A team's sign-off policy: the capacities that must approve a decision before it is accepted.
// A team without a row of its own uses DEFAULT_REQUIRED_CAPACITIES at version 1; the first change
// writes the row. A decision copies the policy when it is proposed, so a later change of policy
// does not move the goalposts of a decision people are already signing.
import type { Capacity, Db, Prisma } from '@rightsize/db';
import { CAPACITIES, DEFAULT_REQUIRED_CAPACITIES, type TPolicySet } from '@rightsize/validators';
import { appendAudit, type AuditActor } from './audit.ts';
import { staleVersionError } from './conflict.ts';

type Tx = Prisma.TransactionClient;

export interface SignOffPolicyView {
  /** In the fixed order of CAPACITIES. */
  requiredCapacities: Capacity[];
  version: number;
  /** True while the team has not changed the default. */
  isDefault: boolean;
}

const ordered = (capacities: readonly Capacity[]): Capacity[] => CAPACITIES.filter((c) => capacities.includes(c));

/** The team's policy now (inside a transaction: as that transaction sees it). */
export const currentPolicy = async (db: Db | Tx, teamId: string): Promise<SignOffPolicyView> => {
  const row = await db.signOffPolicy.findUnique({
    where: { teamId },
    select: { requiredCapacities: true, version: true },
  });
  return row
    ? { requiredCapacities: ordered(row.requiredCapacities), version: row.version, isDefault: false }
    : { requiredCapacities: [...DEFAULT_REQUIRED_CAPACITIES], version: 1, isDefault: true };
};

export const getPolicy = ({ db, teamId }: { db: Db; teamId: string }) => currentPolicy(db, teamId);

/**
 * Sets the capacities that must approve, at the caller's version of the policy (the default counts
 * as version 1), with one `team.policy_set` audit event.
 */
export const setPolicy = async ({ db, actor, input }: { db: Db; actor: AuditActor; input: TPolicySet }) =>
  db.$transaction(async (tx) => {
    // The default becomes a row first, so that the update below is one conditional write whoever
    // gets here first.
    await tx.signOffPolicy.createMany({
      data: [{ teamId: input.teamId, requiredCapacities: [...DEFAULT_REQUIRED_CAPACITIES], version: 1 }],
      skipDuplicates: true,
    });
    const before = await currentPolicy(tx, input.teamId);
    const requiredCapacities = ordered(input.requiredCapacities);
    const { count } = await tx.signOffPolicy.updateMany({
      where: { teamId: input.teamId, version: input.version },
      data: { requiredCapacities, version: { increment: 1 } },
    });
    if (count !== 1) {
      throw await staleVersionError(tx, {
        teamId: input.teamId,
        entityType: 'signOffPolicy',
        entityId: input.teamId,
        noun: 'sign-off policy',
        sinceVersion: input.version,
        currentVersion: before.version,
      });
    }
    await appendAudit(tx, actor, {
      teamId: input.teamId,
      action: 'team.policy_set',
      entityType: 'signOffPolicy',
      entityId: input.teamId,
      changes: {
        requiredCapacities: { old: before.requiredCapacities, new: requiredCapacities },
        version: { old: input.version, new: input.version + 1 },
      },
    });
    return { requiredCapacities, version: input.version + 1, isDefault: false } satisfies SignOffPolicyView;
  });
