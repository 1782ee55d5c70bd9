import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context.ts';
import { AppError, appErrorCodes } from './errors.ts';

const t = initTRPC.context<Context>().create({
  // Stack traces are added below only when the context allows it; tRPC's own default keys off
  // NODE_ENV, which a production server may not set.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const fieldErrors =
      cause instanceof z.ZodError
        ? z.flattenError(cause).fieldErrors
        : cause instanceof AppError
          ? cause.fieldErrors
          : undefined;
    const { stack: _stack, ...data } = shape.data as typeof shape.data & { stack?: string };
    return {
      ...shape,
      // An unexpected error's message may carry internals (SQL, paths): say only that it failed.
      message:
        error.code === 'INTERNAL_SERVER_ERROR' && !ctx?.exposeErrorDetails ? 'Internal server error' : shape.message,
      data: {
        ...data,
        ...(fieldErrors ? { fieldErrors } : {}),
        ...(cause instanceof AppError && cause.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: cause.retryAfterSeconds }
          : {}),
        ...(cause instanceof AppError && cause.conflict ? { conflict: cause.conflict } : {}),
        ...(ctx?.exposeErrorDetails && error.stack ? { stack: error.stack } : {}),
      },
    };
  },
});

/** Turns a service's AppError into the matching tRPC error; everything else passes through. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: appErrorCodes[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors);
