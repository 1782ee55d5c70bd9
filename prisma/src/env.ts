import { z } from 'zod';

const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }).optional();

const schema = z.object({
  /** The application's database. Unset: the embedded server under .data/ (pnpm start, db:* scripts). */
  DATABASE_URL: postgresUrl,
  /** A server the tests may create and drop databases on. Unset: DATABASE_URL's server, else embedded. */
  TEST_DATABASE_URL: postgresUrl,
});

const parsed = schema.safeParse(process.env);
if (!parsed.success) {
  throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;
