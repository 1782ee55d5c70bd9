import { z } from 'zod';
import { zId } from './common.ts';
import { ZTeamScope } from './team.ts';

/** Events on one page of the audit trail, unless the caller asks for fewer. */
export const AUDIT_PAGE_SIZE = 50;
/** The most events one page may ask for. */
export const AUDIT_PAGE_SIZE_MAX = 100;

/** A calendar day as `YYYY-MM-DD`, read as a UTC day. */
const zAuditDate = z.iso.date({ error: 'Use a date like 2026-01-31.' });

const bounded = (what: string, max: number) =>
  z
    .string({ error: `Not a valid ${what}.` })
    .trim()
    .min(1, `Not a valid ${what}.`)
    .max(max, `A ${what} has at most ${max} characters.`);

/** What the audit trail can be narrowed to; every field is optional and they combine with AND. */
const auditFilterShape = {
  /** `task`, `project`, `membership`, … */
  entityType: bounded('entity type', 32).optional(),
  /** One entity's history; meaningful together with entityType. */
  entityId: bounded('entity id', 64).optional(),
  /** Events by one person (a member of another team simply has none here). */
  actorId: zId.optional(),
  /** `<entity>.<verb>`, for example `task.updated`. */
  action: bounded('action', 64).optional(),
  /** First day included. */
  from: zAuditDate.optional(),
  /** Last day included. */
  to: zAuditDate.optional(),
};

const fromNotAfterTo = (filter: { from?: string | undefined; to?: string | undefined }) =>
  !filter.from || !filter.to || filter.from <= filter.to;
const fromAfterTo = { error: 'The last day comes before the first day.', path: ['to'] };
// An entity's history is read on (team, entity type, entity id, seq); an id alone would have to
// scan the whole trail.
const entityIdWithType = (filter: { entityType?: string | undefined; entityId?: string | undefined }) =>
  !filter.entityId || Boolean(filter.entityType);
const entityIdWithoutType = { error: 'Choose the entity type too.', path: ['entityType'] };

export const ZAuditFilter = z
  .object(auditFilterShape)
  .refine(fromNotAfterTo, fromAfterTo)
  .refine(entityIdWithType, entityIdWithoutType);
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export const ZAuditFind = ZTeamScope.extend({
  ...auditFilterShape,
  /** The seq of the last event of the previous page; the page starts just before it. */
  cursor: z.int({ error: 'Not a valid page cursor.' }).min(1).max(2_147_483_647).optional(),
  limit: z.int({ error: 'Not a valid page size.' }).min(1).max(AUDIT_PAGE_SIZE_MAX).default(AUDIT_PAGE_SIZE),
})
  .refine(fromNotAfterTo, fromAfterTo)
  .refine(entityIdWithType, entityIdWithoutType);
export type TAuditFind = z.infer<typeof ZAuditFind>;

export const ZAuditVerify = ZTeamScope;
export type TAuditVerify = z.infer<typeof ZAuditVerify>;
