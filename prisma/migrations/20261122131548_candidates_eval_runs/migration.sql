-- CreateEnum
CREATE TYPE "CandidateKind" AS ENUM ('CLASSIFIER', 'EMBEDDER', 'RERANKER', 'VISION', 'CLASSICAL', 'SLM', 'FRONTIER_API', 'CASCADE');

-- CreateEnum
CREATE TYPE "Deployment" AS ENUM ('API', 'SELF_HOSTED', 'ON_DEVICE');

-- AlterEnum
ALTER TYPE "EvidenceKind" ADD VALUE 'EVAL_RUN';

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "evalRunId" UUID;

-- CreateTable
CREATE TABLE "Candidate" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "kind" "CandidateKind" NOT NULL,
    "deployment" "Deployment",
    "spec" JSONB NOT NULL,
    "notes" VARCHAR(5000) NOT NULL DEFAULT '',
    "smallCandidateId" UUID,
    "largeCandidateId" UUID,
    "escalationRate" DOUBLE PRECISION,
    "measuredQuality" DOUBLE PRECISION,
    "measuredQualityMetric" VARCHAR(200),
    "measuredQualitySamples" INTEGER,
    "measuredQualitySource" VARCHAR(500),
    "measuredP50Ms" DOUBLE PRECISION,
    "measuredP95Ms" DOUBLE PRECISION,
    "measuredP99Ms" DOUBLE PRECISION,
    "measuredLatencySamples" INTEGER,
    "measuredLatencySource" VARCHAR(500),
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalRun" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "taskId" UUID NOT NULL,
    "tool" VARCHAR(20) NOT NULL,
    "toolVersion" VARCHAR(40),
    "externalId" VARCHAR(200),
    "fileName" VARCHAR(255) NOT NULL,
    "fileSha256" BYTEA NOT NULL,
    "fileBytes" INTEGER NOT NULL,
    "runCreatedAt" TIMESTAMPTZ(3),
    "subjects" JSONB NOT NULL,
    "mapping" JSONB NOT NULL,
    "importedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Candidate_teamId_taskId_archivedAt_idx" ON "Candidate"("teamId", "taskId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_teamId_id_key" ON "Candidate"("teamId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "EvalRun_teamId_id_key" ON "EvalRun"("teamId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "EvalRun_teamId_taskId_fileSha256_key" ON "EvalRun"("teamId", "taskId", "fileSha256");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_teamId_evalRunId_fkey" FOREIGN KEY ("teamId", "evalRunId") REFERENCES "EvalRun"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_teamId_smallCandidateId_fkey" FOREIGN KEY ("teamId", "smallCandidateId") REFERENCES "Candidate"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_teamId_largeCandidateId_fkey" FOREIGN KEY ("teamId", "largeCandidateId") REFERENCES "Candidate"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_teamId_taskId_fkey" FOREIGN KEY ("teamId", "taskId") REFERENCES "Task"("teamId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Written by hand below: invariants Prisma's schema language cannot express. (The new enum value
-- EVAL_RUN cannot be used in the transaction that adds it, so the evidence check compares text.)

ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_eval_run_linked" CHECK (("kind"::text = 'EVAL_RUN') = ("evalRunId" IS NOT NULL));

ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_version_positive" CHECK ("version" >= 1);
-- A cascade names its two parts and an escalation share, and deploys nothing itself; every other
-- candidate has a deployment and no parts.
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_cascade_shape" CHECK (
  CASE WHEN "kind" = 'CASCADE'
    THEN "deployment" IS NULL AND "smallCandidateId" IS NOT NULL AND "largeCandidateId" IS NOT NULL
         AND "smallCandidateId" <> "largeCandidateId" AND "escalationRate" BETWEEN 0 AND 1
    ELSE "deployment" IS NOT NULL AND "smallCandidateId" IS NULL AND "largeCandidateId" IS NULL
         AND "escalationRate" IS NULL
  END);
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_measured_latency_ordered" CHECK (
  ("measuredP50Ms" IS NULL AND "measuredP95Ms" IS NULL AND "measuredP99Ms" IS NULL AND "measuredLatencySamples" IS NULL)
  OR (0 <= "measuredP50Ms" AND "measuredP50Ms" <= "measuredP95Ms" AND "measuredP95Ms" <= "measuredP99Ms"
      AND "measuredLatencySamples" >= 1));
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_measured_quality_samples" CHECK ("measuredQualitySamples" IS NULL OR "measuredQualitySamples" >= 1);

ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_tool_known" CHECK ("tool" IN ('promptfoo', 'lm-eval'));
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_fileSha256_sha256" CHECK (octet_length("fileSha256") = 32);
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_fileBytes_non_negative" CHECK ("fileBytes" >= 0);
