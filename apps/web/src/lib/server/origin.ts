import type { RequestEvent } from '@sveltejs/kit';
import { env } from './env.ts';

/** The origin browsers use for this app: ORIGIN when configured, else what adapter-node derived. */
export const publicOrigin = (event: RequestEvent): string => env().ORIGIN ?? event.url.origin;
