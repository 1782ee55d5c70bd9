import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * Domain error codes thrown by services. The one errorFormatter (trpc.ts) maps them to tRPC codes,
 * so services never import transport types.
 */
export const appErrorCodes = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  THROTTLED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<string, TRPC_ERROR_CODE_KEY>;

export type AppErrorCode = keyof typeof appErrorCodes;

/** A JSON value as the audit trail stores it. */
type ConflictValue = string | number | boolean | null | ConflictValue[] | { [key: string]: ConflictValue };

/** One change someone else made since the caller loaded the row, from the audit trail. */
export interface ConflictChange {
  /** Who made it; null when the actor is unknown (a system change). */
  by: { id: string; displayName: string } | null;
  /** When, as an ISO timestamp. */
  at: string;
  /** `<entity>.<verb>`, for example `task.updated`. */
  action: string;
  /** `{ field: { old, new } }`, without the version bump. */
  fields: Record<string, { old?: ConflictValue; new?: ConflictValue }>;
}

/** What a CONFLICT on a stale version carries, so the UI can say who changed what and when. */
export interface ConflictDetail {
  entityType: string;
  entityId: string;
  /** The row's version now; reload to edit from it. */
  currentVersion: number;
  /** The changes after the caller's version, oldest first. */
  changes: ConflictChange[];
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field errors in the same tree shape as zod's, for forms. */
  readonly fieldErrors: Record<string, string[]> | undefined;
  /** Seconds before a retry can succeed (THROTTLED). */
  readonly retryAfterSeconds: number | undefined;
  /** Who changed the row since the caller's version (CONFLICT on a stale version). */
  readonly conflict: ConflictDetail | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    details: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number; conflict?: ConflictDetail } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = details.fieldErrors;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.conflict = details.conflict;
  }
}
