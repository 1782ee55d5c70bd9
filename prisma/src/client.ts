import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

export interface ClientOptions {
  /** Pool size per process; PostgreSQL's own limit is shared by every app instance. */
  maxConnections?: number;
}

/** A Prisma client on a pg pool. One per process; disconnect it on shutdown. */
export const createDb = (url: string, { maxConnections = 10 }: ClientOptions = {}): Db =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: maxConnections }) });
