-- CreateEnum
CREATE TYPE "Locality" AS ENUM ('ANY', 'OWN_CLOUD', 'ON_PREM', 'ON_DEVICE');

-- CreateEnum
CREATE TYPE "SmallLetter" AS ENUM ('SPECIFIC', 'MEASURED', 'AFFORDABLE', 'LATENCY', 'LOCAL');

-- CreateEnum
CREATE TYPE "Verdict" AS ENUM ('PASS', 'FAIL', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('LINK', 'NOTE', 'METRIC');

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(5000) NOT NULL DEFAULT '',
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" VARCHAR(20000) NOT NULL DEFAULT '',
    "monthlyRequests" DOUBLE PRECISION NOT NULL,
    "monthlyGrowth" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "inputTokensP95" INTEGER NOT NULL,
    "outputTokensP95" INTEGER NOT NULL,
    "latencyP95Ms" INTEGER NOT NULL,
    "latencyP99Ms" INTEGER NOT NULL,
    "streaming" BOOLEAN NOT NULL DEFAULT false,
    "ttftMs" INTEGER,
    "targetDevice" VARCHAR(64),
    "memoryBudgetBytes" DOUBLE PRECISION,
    "locality" "Locality" NOT NULL DEFAULT 'ANY',
    "jurisdictions" VARCHAR(8)[] DEFAULT ARRAY[]::VARCHAR(8)[],
    "monthlyBudgetUsd" DOUBLE PRECISION,
    "qualityMetric" VARCHAR(200) NOT NULL,
    "qualityBar" DOUBLE PRECISION NOT NULL,
    "qualityHigherBetter" BOOLEAN NOT NULL DEFAULT true,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentLetter" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "letter" "SmallLetter" NOT NULL,
    "verdict" "Verdict" NOT NULL DEFAULT 'UNKNOWN',
    "rationale" VARCHAR(5000) NOT NULL DEFAULT '',
    "setById" UUID,
    "setAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AssessmentLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "letter" "SmallLetter" NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "url" VARCHAR(2000),
    "body" VARCHAR(20000),
    "metricName" VARCHAR(200),
    "metricValue" DOUBLE PRECISION,
    "metricUnit" VARCHAR(40),
    "sampleSize" INTEGER,
    "measuredOn" DATE,
    "source" VARCHAR(500),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "teamId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "actorId" UUID,
    "action" VARCHAR(64) NOT NULL,
    "entityType" VARCHAR(32) NOT NULL,
    "entityId" VARCHAR(64) NOT NULL,
    "changes" JSONB NOT NULL,
    "requestId" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "prevHash" BYTEA NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("teamId","seq")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "teamId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("teamId")
);

-- CreateIndex
CREATE INDEX "Project_teamId_archivedAt_name_idx" ON "Project"("teamId", "archivedAt", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Project_teamId_id_key" ON "Project"("teamId", "id");

-- CreateIndex
CREATE INDEX "Task_teamId_projectId_archivedAt_idx" ON "Task"("teamId", "projectId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Task_teamId_id_key" ON "Task"("teamId", "id");

-- CreateIndex
CREATE INDEX "AssessmentLetter_teamId_idx" ON "AssessmentLetter"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentLetter_taskId_letter_key" ON "AssessmentLetter"("taskId", "letter");

-- CreateIndex
CREATE INDEX "Evidence_teamId_taskId_letter_idx" ON "Evidence"("teamId", "taskId", "letter");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_entityType_entityId_seq_idx" ON "AuditEvent"("teamId", "entityType", "entityId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_actorId_seq_idx" ON "AuditEvent"("teamId", "actorId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_action_seq_idx" ON "AuditEvent"("teamId", "action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_teamId_createdAt_seq_idx" ON "AuditEvent"("teamId", "createdAt", "seq");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_teamId_projectId_fkey" FOREIGN KEY ("teamId", "projectId") REFERENCES "Project"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentLetter" ADD CONSTRAINT "AssessmentLetter_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentLetter" ADD CONSTRAINT "AssessmentLetter_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditChainHead" ADD CONSTRAINT "AuditChainHead_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Written by hand below: what Prisma's schema language cannot express.

-- Invariants of the new tables.
ALTER TABLE "Project" ADD CONSTRAINT "Project_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Task" ADD CONSTRAINT "Task_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Task" ADD CONSTRAINT "Task_budgets_sane" CHECK (
  "monthlyRequests" >= 0 AND "monthlyGrowth" > -1
  AND "inputTokens" >= 0 AND "outputTokens" >= 0
  AND "inputTokensP95" >= "inputTokens" AND "outputTokensP95" >= "outputTokens"
  AND "latencyP95Ms" > 0 AND "latencyP99Ms" >= "latencyP95Ms"
  AND ("ttftMs" IS NULL OR "ttftMs" > 0)
  AND ("memoryBudgetBytes" IS NULL OR "memoryBudgetBytes" > 0)
  AND ("monthlyBudgetUsd" IS NULL OR "monthlyBudgetUsd" >= 0));
ALTER TABLE "AssessmentLetter" ADD CONSTRAINT "AssessmentLetter_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_version_positive" CHECK ("version" >= 1);
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_kind_fields" CHECK (
  ("kind" <> 'LINK' OR "url" IS NOT NULL)
  AND ("kind" <> 'NOTE' OR "body" IS NOT NULL)
  AND ("kind" <> 'METRIC' OR ("metricName" IS NOT NULL AND "metricValue" IS NOT NULL)));
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_seq_positive" CHECK ("seq" >= 1);
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_hashes_sha256" CHECK (octet_length("hash") = 32 AND octet_length("prevHash") = 32);
ALTER TABLE "AuditChainHead" ADD CONSTRAINT "AuditChainHead_hash_sha256" CHECK (octet_length("hash") = 32);

-- The audit trail is append-only for everyone, the table owner and superusers included: a trigger
-- refuses UPDATE and DELETE of any row and TRUNCATE of the table. (Only a superuser can get past
-- it, by disabling triggers, which the hash chain then exposes.)
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_no_update_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();

-- The application's role. The web server and the seed connect with `SET ROLE rightsize_app`
-- (prisma/src/client.ts), so they hold exactly these privileges whatever login runs them;
-- migrations run as the owner. Roles belong to the whole server, hence IF NOT EXISTS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rightsize_app') THEN
    CREATE ROLE rightsize_app NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO rightsize_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO rightsize_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO rightsize_app;
-- Tables created by later migrations (run by the same owner) get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO rightsize_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO rightsize_app;
-- The migration history is read (system.info), never written, by the application. (A shadow
-- database built to diff migrations has no history table.)
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM rightsize_app;
  END IF;
END
$$;
-- The audit trail: read and append only.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM rightsize_app;
