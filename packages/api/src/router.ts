import { systemRouter } from './routers/system/index.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (page `load` functions): same checks, no HTTP hop. */
export const createCaller = createCallerFactory(appRouter);
