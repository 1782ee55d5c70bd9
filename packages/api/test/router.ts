// Walks the router as tRPC holds it: `_def.procedures` maps every dotted path ("team.invite") to
// its procedure, so a procedure added anywhere in the tree shows up here.
import { appRouter } from '../src/router.ts';

export interface ProcedureInfo {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] };
}

export const routerProcedures = (): Record<string, ProcedureInfo> => {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureInfo>;
  for (const [path, procedure] of Object.entries(procedures)) {
    if (!['query', 'mutation', 'subscription'].includes(procedure._def?.type)) {
      throw new Error(`${path} is not a procedure: tRPC's router layout has changed, update test/router.ts`);
    }
  }
  return procedures;
};

/** Calls a procedure by its dotted path on a caller from createCaller. */
export const callPath = (caller: unknown, path: string, input: unknown): Promise<unknown> => {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
};
