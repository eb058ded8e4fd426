-- CreateEnum
CREATE TYPE "AppraisalCycleScope" AS ENUM ('TEAM', 'ROLE');

-- CreateEnum
CREATE TYPE "AppraisalStatus" AS ENUM ('SELF_REVIEW', 'PEER_REVIEW', 'MANAGER_REVIEW', 'CALIBRATION', 'SIGN_OFF', 'SIGNED_OFF');

-- CreateEnum
CREATE TYPE "AppraisalKpiStatus" AS ENUM ('SCORED', 'NO_DATA', 'PENDING');

-- CreateTable
CREATE TABLE "AppraisalTemplate" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppraisalTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppraisalCycle" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "scopeKind" "AppraisalCycleScope" NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "templateId" UUID NOT NULL,
    "selfDueAt" TIMESTAMP(3) NOT NULL,
    "peerDueAt" TIMESTAMP(3) NOT NULL,
    "managerDueAt" TIMESTAMP(3) NOT NULL,
    "calibrationDueAt" TIMESTAMP(3) NOT NULL,
    "openedById" UUID NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "appraisals" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppraisalCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appraisal" (
    "id" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "managerId" UUID,
    "status" "AppraisalStatus" NOT NULL DEFAULT 'SELF_REVIEW',
    "score" DECIMAL(6,2),
    "band" TEXT,
    "notes" JSONB NOT NULL DEFAULT '[]',
    "scoredAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Appraisal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppraisalKpi" (
    "appraisalId" UUID NOT NULL,
    "kpi" TEXT NOT NULL,
    "manual" BOOLEAN NOT NULL,
    "weight" INTEGER NOT NULL,
    "status" "AppraisalKpiStatus" NOT NULL,
    "value" DECIMAL(12,4),
    "samples" INTEGER NOT NULL DEFAULT 0,
    "score" DECIMAL(6,2),
    "effectiveWeight" DECIMAL(7,4),
    "frozenAt" TIMESTAMP(3),

    CONSTRAINT "AppraisalKpi_pkey" PRIMARY KEY ("appraisalId","kpi")
);

-- CreateTable
CREATE TABLE "AppraisalEvidence" (
    "id" BIGSERIAL NOT NULL,
    "appraisalId" UUID NOT NULL,
    "kpi" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "value" DECIMAL(20,4) NOT NULL,

    CONSTRAINT "AppraisalEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppraisalTemplate_name_version_key" ON "AppraisalTemplate"("name", "version");

-- CreateIndex
CREATE INDEX "AppraisalCycle_period_idx" ON "AppraisalCycle"("period");

-- CreateIndex
CREATE INDEX "Appraisal_employeeId_idx" ON "Appraisal"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "Appraisal_cycleId_employeeId_key" ON "Appraisal"("cycleId", "employeeId");

-- CreateIndex
CREATE INDEX "AppraisalEvidence_appraisalId_kpi_idx" ON "AppraisalEvidence"("appraisalId", "kpi");

