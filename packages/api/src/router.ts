import { auditRouter } from './routers/audit/index.ts';
import { authRouter } from './routers/auth/index.ts';
import { systemRouter } from './routers/system/index.ts';
import { teamRouter } from './routers/team/index.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  team: teamRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (page `load` functions): same checks, no HTTP hop. */
export const createCaller = createCallerFactory(appRouter);
