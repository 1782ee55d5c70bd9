import { router } from '../../trpc.ts';
import { add } from './add.ts';
import { importLmEval } from './importLmEval.ts';
import { importPromptfoo } from './importPromptfoo.ts';
import { remove } from './remove.ts';

export const evidenceRouter = router({ add, remove, importPromptfoo, importLmEval });
