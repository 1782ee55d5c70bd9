import { router } from '../../trpc.ts';
import { add } from './add.ts';
import { remove } from './remove.ts';

export const evidenceRouter = router({ add, remove });
