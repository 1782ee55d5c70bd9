// The audit trail at a million events: how long a page takes, filtered each way the page allows,
// and how fast the verifier walks the chain. Prints figures against the 10 ms target; asserts nothing.
//
//   pnpm --filter @rightsize/api bench      (or `pnpm bench` for every package)
//
// On a scratch database (TEST_DATABASE_URL's or DATABASE_URL's server, else an embedded one), it
// builds one team with 1,000,000 events and a valid hash chain (computed here, loaded as the owner
// in multi-row INSERTs: the trigger refuses UPDATE, DELETE and TRUNCATE, not INSERT) and a small
// second team, runs ANALYZE, then times each page two ways:
//   - at the database: the execution time EXPLAIN (ANALYZE, BUFFERS) reports for the exact
//     statements findAuditEvents runs (the two date lookups, when there are dates, plus the page);
//   - through the service: findAuditEvents on the app's Prisma client, as a page load calls it.
// The scratch database is dropped at the end.
import { createDb, type Db } from '@rightsize/db';
import { migrateInChildProcess, quoteIdent, scratchServer, withClient, withDatabase } from '@rightsize/db/server';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  auditEventsSql,
  auditFilterOptions,
  chainHash,
  findAuditEvents,
  firstSeqFromSql,
  lastSeqToSql,
  streamAuditCsv,
  verifyChain,
  type AuditChanges,
  type AuditFilter,
  type ChainedEvent,
} from '../src/services/audit.ts';

const EVENTS = 1_000_000;
const SMALL_TEAM_EVENTS = 20_000;
const ACTORS = 60;
const BATCH = 5_000;
const RUNS = 50;
const PAGE = 50;
const TARGET_MS = 10;
const START = Date.parse('2024-01-01T00:00:00Z');

// ---------------------------------------------------------------------------------------------
// Synthetic history: what a busy team's two years look like, from a fixed seed.

let seed = 0x5eed;
const random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

/** Entity types with their share of events, how many of each exist, and their actions. */
const KINDS = [
  {
    type: 'task',
    share: 0.42,
    count: 5_000,
    actions: ['task.created', 'task.updated', 'task.updated', 'task.archived'],
  },
  { type: 'assessment', share: 0.25, count: 5_000, actions: ['assessment.letter_set', 'assessment.letter_set'] },
  { type: 'evidence', share: 0.15, count: 20_000, actions: ['evidence.added', 'evidence.updated', 'evidence.removed'] },
  { type: 'project', share: 0.1, count: 500, actions: ['project.created', 'project.updated', 'project.archived'] },
  { type: 'membership', share: 0.07, count: ACTORS, actions: ['member.joined', 'member.role_changed'] },
  { type: 'invitation', share: 0.01, count: 400, actions: ['invitation.created', 'invitation.revoked'] },
] as const;
const entityIds = new Map(KINDS.map((kind) => [kind.type, Array.from({ length: kind.count }, () => randomUUID())]));

const kindAt = (r: number) => {
  let sum = 0;
  for (const kind of KINDS) {
    sum += kind.share;
    if (r < sum) return kind;
  }
  return KINDS[0];
};

const changesFor = (action: string, i: number): AuditChanges => {
  if (action.endsWith('.created') || action.endsWith('.added') || action === 'member.joined') {
    return { name: { new: `Item ${i}` }, version: { new: 1 } };
  }
  if (action.endsWith('.archived') || action.endsWith('.removed') || action.endsWith('.revoked')) {
    return { archived: { old: false, new: true } };
  }
  if (action === 'assessment.letter_set') {
    return {
      verdict: { old: 'UNKNOWN', new: random() < 0.7 ? 'PASS' : 'FAIL' },
      rationale: { old: null, new: `r${i}` },
    };
  }
  return { monthlyRequests: { old: i * 10, new: i * 10 + 5 }, latencyP95Ms: { old: 800, new: 650 } };
};

interface Row {
  event: ChainedEvent;
  prevHash: Uint8Array;
  hash: Uint8Array;
}

/** The next `count` events of a team's chain, from the previous event's hash and time. */
const generate = (
  teamId: string,
  actors: string[],
  state: { seq: number; hash: Uint8Array; time: number },
  count: number,
): Row[] => {
  const rows: Row[] = [];
  for (let n = 0; n < count; n++) {
    const kind = kindAt(random());
    const action = pick(kind.actions);
    state.seq += 1;
    state.time += Math.floor(random() * 120_000); // a minute apart on average: ~2 years per million
    // A few people do most of the work.
    const actorId = actors[Math.floor(actors.length * random() ** 2)]!;
    const event: ChainedEvent = {
      teamId,
      seq: state.seq,
      actorId,
      action,
      entityType: kind.type,
      entityId: pick(entityIds.get(kind.type)!),
      changes: changesFor(action, state.seq),
      requestId: randomUUID(),
      createdAt: new Date(state.time),
    };
    const hash = chainHash(state.hash, event);
    rows.push({ event, prevHash: state.hash, hash });
    state.hash = hash;
  }
  return rows;
};

type PgClient = Parameters<Parameters<typeof withClient>[1]>[0];

const insertRows = (client: PgClient, rows: Row[]) => {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  return client.query(
    `INSERT INTO "AuditEvent"
       ("teamId", seq, "actorId", action, "entityType", "entityId", changes, "requestId", "createdAt", "prevHash", hash)
     SELECT team, s, a, ac, et, ei, c::jsonb, r, t, decode(ph, 'hex'), decode(h, 'hex')
     FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                 $9::timestamptz[], $10::text[], $11::text[]) AS u(team, s, a, ac, et, ei, c, r, t, ph, h)`,
    [
      rows.map((row) => row.event.teamId),
      rows.map((row) => row.event.seq),
      rows.map((row) => row.event.actorId),
      rows.map((row) => row.event.action),
      rows.map((row) => row.event.entityType),
      rows.map((row) => row.event.entityId),
      rows.map((row) => JSON.stringify(row.event.changes)),
      rows.map((row) => row.event.requestId),
      rows.map((row) => row.event.createdAt.toISOString()),
      rows.map((row) => hex(row.prevHash)),
      rows.map((row) => hex(row.hash)),
    ],
  );
};

/** Builds a team's chain of `count` events, hashing the next batch while the database stores the last. */
const loadTeam = async (client: PgClient, teamId: string, actors: string[], count: number) => {
  const state = { seq: 0, hash: GENESIS_HASH as Uint8Array, time: START };
  let pending: Promise<unknown> = Promise.resolve();
  for (let done = 0; done < count; done += BATCH) {
    const rows = generate(teamId, actors, state, Math.min(BATCH, count - done));
    await pending;
    pending = insertRows(client, rows);
    if (count >= 100_000 && (done / BATCH) % 40 === 39)
      process.stdout.write(`  ${(done + BATCH).toLocaleString('en')} …\n`);
  }
  await pending;
  await client.query(
    `INSERT INTO "AuditChainHead" ("teamId", seq, hash, "createdAt") VALUES ($1, $2, decode($3, 'hex'), $4)`,
    [teamId, state.seq, Buffer.from(state.hash).toString('hex'), new Date(state.time).toISOString()],
  );
  return { lastTime: state.time };
};

// ---------------------------------------------------------------------------------------------
// Measuring.

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
};
const ms = (value: number) => (value < 1 ? `${value.toFixed(3)} ms` : `${value.toFixed(2)} ms`);
const now = () => performance.now();

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/**
 * How a plan reads the audit table: its index scans ("teamId_action_seq_idx ↓" for a backward
 * scan) and, loudly, any sequential scan of it. (The joined User rows are not listed.)
 */
const scansOf = (node: PlanNode): string[] => [
  ...(node['Relation Name'] === 'AuditEvent'
    ? node['Index Name']
      ? [`${node['Index Name'].replace(/^AuditEvent_/, '')}${node['Scan Direction'] === 'Backward' ? ' ↓' : ''}`]
      : [`${node['Node Type'].toUpperCase()} OF AuditEvent`]
    : []),
  ...(node.Plans ?? []).flatMap(scansOf),
];

const explain = async (client: PgClient, sql: { text: string; values: unknown[] }) => {
  const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql.text}`, sql.values);
  const [result] = (rows[0] as { 'QUERY PLAN': { 'Execution Time': number; Plan: PlanNode }[] })['QUERY PLAN'];
  return {
    ms: result!['Execution Time'],
    scans: scansOf(result!.Plan),
    buffers: (result!.Plan['Shared Hit Blocks'] ?? 0) + (result!.Plan['Shared Read Blocks'] ?? 0),
  };
};

/** The statements findAuditEvents runs for this page, in order, with the seq bounds it would use. */
const pageStatements = async (client: PgClient, teamId: string, filter: AuditFilter, cursor?: number) => {
  const statements: { text: string; values: unknown[] }[] = [];
  const range: { min?: number; max?: number } = {};
  if (filter.from) {
    const sql = firstSeqFromSql(teamId, filter.from);
    statements.push(sql);
    range.min = (await client.query(sql.text, sql.values)).rows[0]?.seq;
  }
  if (filter.to) {
    const sql = lastSeqToSql(teamId, filter.to);
    statements.push(sql);
    range.max = (await client.query(sql.text, sql.values)).rows[0]?.seq;
  }
  if (cursor !== undefined) range.max = Math.min(range.max ?? Infinity, cursor - 1);
  statements.push(auditEventsSql({ teamId, filter, range, order: 'newest', limit: PAGE + 1 }));
  return statements;
};

interface Scenario {
  name: string;
  filter: AuditFilter;
  cursor?: number;
}

const measure = async (client: PgClient, db: Db, teamId: string, scenario: Scenario) => {
  const statements = await pageStatements(client, teamId, scenario.filter, scenario.cursor);
  const atDatabase: number[] = [];
  let scans: string[] = [];
  let buffers = 0;
  for (let run = 0; run < RUNS + 3; run++) {
    let total = 0;
    scans = [];
    buffers = 0;
    for (const statement of statements) {
      const result = await explain(client, statement);
      total += result.ms;
      scans.push(...result.scans);
      buffers += result.buffers;
    }
    if (run >= 3) atDatabase.push(total); // the first runs warm the cache
  }
  const throughService: number[] = [];
  let events = 0;
  for (let run = 0; run < RUNS + 3; run++) {
    const start = now();
    const page = await findAuditEvents({ db, teamId, filter: scenario.filter, cursor: scenario.cursor, limit: PAGE });
    if (run >= 3) throughService.push(now() - start);
    events = page.events.length;
  }
  return { atDatabase, throughService, scans: [...new Set(scans)], buffers, events };
};

const table = (header: string[], rows: string[][]) => {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
};

// ---------------------------------------------------------------------------------------------

const server = await scratchServer();
const database = `rs_bench_audit_${process.pid}_${randomBytes(3).toString('hex')}`;
await withClient(server.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(database)}`));
const url = withDatabase(server.url, database);
const app = createDb(url, { maxConnections: 4 });
try {
  await migrateInChildProcess(url);
  await withClient(url, async (client) => {
    const { rows: versionRows } = await client.query<{ server_version: string }>('SHOW server_version');
    console.log(
      `Audit trail benchmark — PostgreSQL ${versionRows[0]?.server_version}, Node ${process.version}, ${EVENTS.toLocaleString('en')} events`,
    );

    // People and teams.
    const actors: string[] = [];
    for (let i = 0; i < ACTORS; i++) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "User" (id, email, "displayName", "passwordHash") VALUES (gen_random_uuid(), $1, $2, 'x') RETURNING id`,
        [`person${i}@bench.example`, `Person ${i}`],
      );
      actors.push(rows[0]!.id);
    }
    const team = async (name: string) =>
      (
        await client.query<{ id: string }>(
          `INSERT INTO "Team" (id, name, slug) VALUES (gen_random_uuid(), $1, $2) RETURNING id`,
          [name, `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}`],
        )
      ).rows[0]!.id;
    const big = await team('Busy team');
    const small = await team('Small team');

    let start = now();
    console.log(`\nLoading ${EVENTS.toLocaleString('en')} chained events …`);
    const { lastTime } = await loadTeam(client, big, actors, EVENTS);
    await loadTeam(client, small, actors.slice(0, 10), SMALL_TEAM_EVENTS);
    const loadSeconds = (now() - start) / 1000;
    start = now();
    await client.query('ANALYZE "AuditEvent"; ANALYZE "User"; ANALYZE "AuditChainHead"');
    const { rows: size } = await client.query<{ table: string; indexes: string }>(
      `SELECT pg_size_pretty(pg_table_size('"AuditEvent"')) AS table, pg_size_pretty(pg_indexes_size('"AuditEvent"')) AS indexes`,
    );
    console.log(
      `Loaded in ${loadSeconds.toFixed(1)} s (hashing and INSERTs), ANALYZE ${((now() - start) / 1000).toFixed(1)} s; ` +
        `table ${size[0]?.table}, indexes ${size[0]?.indexes}`,
    );

    // Filters whose values exist, chosen the way a person would: a mid-ranked actor, a task with
    // history, a rare action, one week in the middle of the two years.
    const { rows: someTask } = await client.query<{ entityId: string }>(
      `SELECT "entityId" FROM "AuditEvent" WHERE "teamId" = $1 AND "entityType" = 'task' AND seq > 500000 LIMIT 1`,
      [big],
    );
    const day = (time: number) => new Date(time).toISOString().slice(0, 10);
    const middle = START + (lastTime - START) / 2;
    const scenarios: Scenario[] = [
      { name: 'first page', filter: {} },
      { name: 'page 10,000 deep (cursor)', filter: {}, cursor: EVENTS / 2 },
      { name: 'by entity type (task, 42 %)', filter: { entityType: 'task' } },
      { name: 'by entity type (invitation, 1 %)', filter: { entityType: 'invitation' } },
      { name: "by entity (one task's history)", filter: { entityType: 'task', entityId: someTask[0]!.entityId } },
      { name: 'by actor (mid-ranked)', filter: { actorId: actors[30]! } },
      { name: 'by action (task.updated)', filter: { action: 'task.updated' } },
      { name: 'by action (invitation.revoked)', filter: { action: 'invitation.revoked' } },
      { name: 'by date range (one week)', filter: { from: day(middle), to: day(middle + 6 * 86_400_000) } },
      {
        name: 'by date range and actor',
        filter: { from: day(middle), to: day(middle + 6 * 86_400_000), actorId: actors[30]! },
      },
      { name: 'by date range, second page', filter: { from: day(middle), to: day(middle + 30 * 86_400_000) } },
    ];
    // The second page of the range starts where the first ended.
    const last = scenarios.at(-1)!;
    last.cursor =
      (await findAuditEvents({ db: app, teamId: big, filter: last.filter, limit: PAGE })).nextCursor ?? undefined;

    console.log(
      `\nPages of ${PAGE}, newest first; ${RUNS} runs each after 3 warm-up runs (p99 of ${RUNS} ≈ the slowest).`,
    );
    console.log(
      `Database: EXPLAIN (ANALYZE, BUFFERS) execution time of the statements the service runs. Target < ${TARGET_MS} ms.\n`,
    );
    const rows: string[][] = [];
    let worst = 0;
    for (const scenario of scenarios) {
      const result = await measure(client, app, big, scenario);
      const p99 = quantile(result.atDatabase, 0.99);
      worst = Math.max(worst, p99);
      rows.push([
        scenario.name,
        String(result.events),
        ms(quantile(result.atDatabase, 0.5)),
        ms(p99),
        `${(p99 / TARGET_MS).toFixed(3)}×`,
        String(result.buffers),
        ms(quantile(result.throughService, 0.5)),
        ms(quantile(result.throughService, 0.99)),
        result.scans.join(', '),
      ]);
    }
    table(
      ['page', 'rows', 'db p50', 'db p99', 'p99/target', 'buffers', 'service p50', 'service p99', 'index scans'],
      rows,
    );
    console.log(
      `\nSlowest page at the database: ${ms(worst)} p99, ${((worst / TARGET_MS) * 100).toFixed(1)} % of the ${TARGET_MS} ms target.`,
    );

    // The filters' choices (loose index scans), the CSV export and the verifier.
    const optionTimes: number[] = [];
    for (let run = 0; run < 23; run++) {
      const start = now();
      await auditFilterOptions({ db: app, teamId: big });
      if (run >= 3) optionTimes.push(now() - start);
    }
    console.log(
      `Filter choices (distinct actions, entity types, actors) through the service: p50 ${ms(quantile(optionTimes, 0.5))}, p99 ${ms(quantile(optionTimes, 0.99))}`,
    );

    const month = { from: day(middle), to: day(middle + 29 * 86_400_000) };
    start = now();
    let csvRows = -1;
    let csvBytes = 0;
    for await (const chunk of streamAuditCsv({ db: app, teamId: big, filter: month })) {
      csvRows += chunk.split('\n').length - 1;
      csvBytes += Buffer.byteLength(chunk);
    }
    const csvSeconds = (now() - start) / 1000;
    console.log(
      `CSV export of one month: ${csvRows.toLocaleString('en')} rows, ${(csvBytes / 1e6).toFixed(1)} MB in ${csvSeconds.toFixed(2)} s ` +
        `(${Math.round(csvRows / csvSeconds).toLocaleString('en')} rows/s)`,
    );

    start = now();
    const verified = await verifyChain({ db: app, teamId: big });
    const verifySeconds = (now() - start) / 1000;
    console.log(
      `Verifier over the whole chain: ${verified.ok ? 'intact' : `BROKEN at ${verified.firstBrokenSeq}: ${verified.reason}`}, ` +
        `${verified.events.toLocaleString('en')} events in ${verifySeconds.toFixed(1)} s = ` +
        `${Math.round(verified.events / verifySeconds).toLocaleString('en')} events/s`,
    );
  });
} finally {
  await app.$disconnect();
  await withClient(server.url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
  );
  await server.release();
}
