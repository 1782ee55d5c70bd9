// Optimistic concurrency: every editable row carries `version`, and an update names the version
// its editor loaded. When that version is stale, the audit trail says who changed the row since
// (each update records `version: { old, new }`), so the refusal can name them.
import type { Prisma } from '@rightsize/db';
import { AppError, type ConflictChange, type ConflictDetail } from '../errors.ts';
import type { AuditChanges, AuditValue } from './audit.ts';

type Tx = Prisma.TransactionClient;

/** At most this many changes are listed; the UI says "and more" past it. */
const CONFLICT_CHANGES_LIMIT = 20;

interface ChangeRow {
  actorId: string | null;
  displayName: string | null;
  createdAt: Date;
  action: string;
  changes: AuditChanges;
}

/** The audit events of one entity written after `sinceVersion`, oldest first. */
export const changesSince = async (
  tx: Tx,
  {
    teamId,
    entityType,
    entityId,
    sinceVersion,
  }: { teamId: string; entityType: string; entityId: string; sinceVersion: number },
): Promise<ConflictChange[]> => {
  const rows = await tx.$queryRaw<ChangeRow[]>`
    SELECT e."actorId"::text AS "actorId", u."displayName", e."createdAt", e.action, e.changes
    FROM "AuditEvent" e LEFT JOIN "User" u ON u.id = e."actorId"
    WHERE e."teamId" = ${teamId}::uuid AND e."entityType" = ${entityType} AND e."entityId" = ${entityId}
      AND CASE WHEN jsonb_typeof(e.changes -> 'version' -> 'new') = 'number'
               THEN (e.changes -> 'version' ->> 'new')::numeric > ${sinceVersion}
               ELSE false END
    ORDER BY e.seq
    LIMIT ${CONFLICT_CHANGES_LIMIT}`;
  return rows.map((row) => {
    const { version: _version, ...fields } = row.changes;
    return {
      by: row.actorId ? { id: row.actorId, displayName: row.displayName ?? 'A former member' } : null,
      at: row.createdAt.toISOString(),
      action: row.action,
      fields: fields as Record<string, { old?: AuditValue; new?: AuditValue }>,
    };
  });
};

const names = (changes: ConflictChange[]) => {
  const unique = [...new Set(changes.map((change) => change.by?.displayName ?? 'someone'))];
  if (unique.length === 0) return 'Someone';
  if (unique.length === 1) return unique[0]!;
  return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)!}`;
};

/**
 * The CONFLICT for an update whose version is stale: the current version and who changed what
 * since the caller's version. Call it inside the transaction that found the version stale.
 */
export const staleVersionError = async (
  tx: Tx,
  {
    teamId,
    entityType,
    entityId,
    noun,
    sinceVersion,
    currentVersion,
  }: {
    teamId: string;
    entityType: string;
    entityId: string;
    noun: string;
    sinceVersion: number;
    currentVersion: number;
  },
): Promise<AppError> => {
  const changes = await changesSince(tx, { teamId, entityType, entityId, sinceVersion });
  const conflict: ConflictDetail = { entityType, entityId, currentVersion, changes };
  if (sinceVersion > currentVersion) {
    return new AppError(
      'CONFLICT',
      `This ${noun} has no version ${sinceVersion} yet (it is at version ${currentVersion}). Reload it and try again.`,
      { conflict },
    );
  }
  return new AppError(
    'CONFLICT',
    `${names(changes)} changed this ${noun} since you loaded it (you had version ${sinceVersion}, it is now version ${currentVersion}). Reload to see their changes, then make yours again.`,
    { conflict },
  );
};
