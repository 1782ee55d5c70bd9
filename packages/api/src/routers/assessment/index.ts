import { router } from '../../trpc.ts';
import { get } from './get.ts';
import { setLetter } from './setLetter.ts';

export const assessmentRouter = router({ get, setLetter });
