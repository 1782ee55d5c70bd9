import { router } from '../../trpc.ts';
import { create } from './create.ts';
import { exportMarkdown } from './exportMarkdown.ts';
import { find } from './find.ts';
import { get } from './get.ts';
import { propose } from './propose.ts';
import { signOff } from './signOff.ts';
import { update } from './update.ts';
import { withdraw } from './withdraw.ts';

export const decisionRouter = router({ create, find, get, update, propose, withdraw, signOff, exportMarkdown });
