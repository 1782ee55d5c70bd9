import { assessmentRouter } from './routers/assessment/index.ts';
import { auditRouter } from './routers/audit/index.ts';
import { authRouter } from './routers/auth/index.ts';
import { candidateRouter } from './routers/candidate/index.ts';
import { comparisonRouter } from './routers/comparison/index.ts';
import { decisionRouter } from './routers/decision/index.ts';
import { evidenceRouter } from './routers/evidence/index.ts';
import { projectRouter } from './routers/project/index.ts';
import { systemRouter } from './routers/system/index.ts';
import { taskRouter } from './routers/task/index.ts';
import { teamRouter } from './routers/team/index.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  team: teamRouter,
  audit: auditRouter,
  project: projectRouter,
  task: taskRouter,
  assessment: assessmentRouter,
  evidence: evidenceRouter,
  candidate: candidateRouter,
  comparison: comparisonRouter,
  decision: decisionRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (page `load` functions): same checks, no HTTP hop. */
export const createCaller = createCallerFactory(appRouter);
