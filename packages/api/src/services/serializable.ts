// Transactions that guard an invariant across rows (a sign-off quorum, "one accepted decision per
// task") run SERIALIZABLE: PostgreSQL then aborts one of two transactions whose interleaving could
// not have happened one after the other, with SQLSTATE 40001 (serialization failure) or 40P01
// (deadlock). The aborted one is simply run again from the start, after a short random pause so
// that the contenders spread out instead of colliding again.
import { Prisma, type Db } from '@rightsize/db';
import { AppError } from '../errors.ts';

type Tx = Prisma.TransactionClient;

/** Attempts before giving up; with the pauses below, about a second of contention. */
export const SERIALIZABLE_MAX_ATTEMPTS = 8;

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/**
 * True for a serialization failure or deadlock, however Prisma reports it: P2034 from a model
 * query, or the driver adapter's error (kind `TransactionWriteConflict`, the PostgreSQL code in
 * `originalCode`) inside a raw query's P2010 or on its own.
 */
export const isSerializationFailure = (error: unknown): boolean => {
  const seen = new Set<unknown>();
  const visit = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (record.code === 'P2034') return true;
    if (record.kind === 'TransactionWriteConflict') return true;
    for (const key of ['originalCode', 'code'] as const) {
      if (typeof record[key] === 'string' && RETRYABLE_SQLSTATES.has(record[key])) return true;
    }
    return visit(record.cause) || visit(record.meta) || visit(record.driverAdapterError);
  };
  return visit(error);
};

export interface SerializableOptions {
  maxAttempts?: number;
  /** The first pause is up to 2 × this, doubling each attempt, capped at `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each retry with the attempt that failed (1-based) and its error. */
  onRetry?: (attempt: number, error: unknown) => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a SERIALIZABLE transaction, again from the start when PostgreSQL reports a
 * serialization failure or deadlock, pausing a random time (exponential backoff with full jitter)
 * between attempts. Returns the value and how many attempts it took. Other errors (AppError
 * included) end it at once. After `maxAttempts` failures the caller gets a CONFLICT asking to try
 * again, never the database's error.
 */
export const runSerializable = async <T>(
  db: Db,
  work: (tx: Tx, attempt: number) => Promise<T>,
  { maxAttempts = SERIALIZABLE_MAX_ATTEMPTS, baseDelayMs = 5, maxDelayMs = 250, onRetry }: SerializableOptions = {},
): Promise<{ value: T; attempts: number }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const value = await db.$transaction((tx) => work(tx, attempt), {
        isolationLevel: Prisma.TransactionIsolationLevel.Serializable,
        // Contenders queue for the pool and for the rows they share: wait for them, within reason.
        maxWait: 10_000,
        timeout: 15_000,
      });
      return { value, attempts: attempt };
    } catch (error) {
      if (!isSerializationFailure(error)) throw error;
      if (attempt >= maxAttempts) {
        throw new AppError(
          'CONFLICT',
          'Too many changes arrived at the same moment, and yours could not be recorded. Reload and try again.',
        );
      }
      onRetry?.(attempt, error);
      await pause(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
    }
  }
};
