import { getSystemInfo } from '../../services/system.ts';
import { publicProcedure } from '../../trpc.ts';

export const info = publicProcedure.query(({ ctx }) => getSystemInfo({ db: ctx.db }));
