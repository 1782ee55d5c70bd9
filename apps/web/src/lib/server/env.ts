import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be a postgresql:// URL' }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Connections this instance may hold; PostgreSQL's max_connections is shared by all instances. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * The app's public origin (`https://rightsize.example.com`), as browsers see it: the CSRF check
   * and invitation links use it. Unset: the origin adapter-node derives from the Host header
   * (https, or PROTOCOL_HEADER's value behind a proxy).
   */
  ORIGIN: z
    .url({ protocol: /^https?$/, error: 'ORIGIN must be an http(s):// origin, like https://rightsize.example.com' })
    .transform((value) => new URL(value).origin)
    .optional(),
});

let cached: z.infer<typeof schema> | undefined;

/**
 * The server's environment, validated on first use. Not at import: `vite build` imports every
 * server module to analyse routes, on a machine that may have no database configured.
 */
export const env = (): z.infer<typeof schema> => {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment for the web server:\n${z.prettifyError(parsed.error)}`);
  }
  return (cached = parsed.data);
};
