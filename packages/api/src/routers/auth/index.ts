import { router } from '../../trpc.ts';
import { changePassword } from './changePassword.ts';
import { me } from './me.ts';
import { signIn } from './signIn.ts';
import { signOut } from './signOut.ts';
import { signUp } from './signUp.ts';

export const authRouter = router({ signUp, signIn, signOut, me, changePassword });
