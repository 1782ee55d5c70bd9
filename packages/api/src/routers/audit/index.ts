import { router } from '../../trpc.ts';
import { filters } from './filters.ts';
import { find } from './find.ts';
import { verify } from './verify.ts';

export const auditRouter = router({
  find,
  filters,
  verify,
});
