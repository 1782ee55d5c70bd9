// How integration tests read a refused procedure call: its tRPC code, message, cause, and the fields
// it names (zod's field tree for bad input, the service's own for its checks).
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError } from '../src/errors.ts';

export interface Refusal {
  code: string;
  message: string;
  cause: unknown;
  /** Field → messages, from zod or from the service's AppError. */
  fieldErrors: Record<string, unknown>;
  /** The AppError behind it, when a service refused (conflict details and the like). */
  appError: AppError | undefined;
}

/** Awaits a call that must fail with a TRPCError; anything else fails the test. */
export const refusal = (promise: Promise<unknown>): Promise<Refusal> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      if (!(error instanceof TRPCError)) throw error;
      const cause = error.cause;
      return {
        code: error.code,
        message: error.message,
        cause,
        fieldErrors:
          cause instanceof z.ZodError
            ? z.flattenError(cause).fieldErrors
            : cause instanceof AppError
              ? (cause.fieldErrors ?? {})
              : {},
        appError: cause instanceof AppError ? cause : undefined,
      };
    },
  );
