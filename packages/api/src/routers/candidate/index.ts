import { router } from '../../trpc.ts';
import { archive } from './archive.ts';
import { create } from './create.ts';
import { find } from './find.ts';
import { get } from './get.ts';
import { update } from './update.ts';

export const candidateRouter = router({ create, find, get, update, archive });
