import { router } from '../../trpc.ts';
import { info } from './info.ts';

export const systemRouter = router({ info });
