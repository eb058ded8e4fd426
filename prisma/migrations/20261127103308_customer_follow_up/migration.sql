-- CreateEnum
CREATE TYPE "CustomerTier" AS ENUM ('A', 'B', 'C');

-- CreateEnum
CREATE TYPE "CustomerStatus" AS ENUM ('prospect', 'active', 'dormant', 'lost');

-- CreateEnum
CREATE TYPE "VisitStatus" AS ENUM ('planned', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('receiving', 'queued', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "RiskAlertStatus" AS ENUM ('open', 'acknowledged', 'snoozed');

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "tier" "CustomerTier" NOT NULL DEFAULT 'C',
    "status" "CustomerStatus" NOT NULL DEFAULT 'prospect',
    "industry" TEXT,
    "region" TEXT,
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpPolicy" (
    "version" SERIAL NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpPolicy_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "VisitStatus" NOT NULL DEFAULT 'planned',
    "outcome" TEXT,
    "notes" TEXT,
    "satisfaction" INTEGER,
    "completedAt" TIMESTAMP(3),
    "completedById" UUID,
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerImport" (
    "id" UUID NOT NULL,
    "uploadedById" UUID NOT NULL,
    "format" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'receiving',
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "upserted" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CustomerImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerImportRow" (
    "importId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "CustomerImportRow_pkey" PRIMARY KEY ("importId","rowNumber")
);

-- CreateTable
CREATE TABLE "CustomerImportRejection" (
    "importId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "CustomerImportRejection_pkey" PRIMARY KEY ("importId","rowNumber")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "severity" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "assigneeId" UUID NOT NULL,
    "status" "ComplaintStatus" NOT NULL DEFAULT 'open',
    "ackDueAt" TIMESTAMP(3) NOT NULL,
    "resolveDueAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "score" INTEGER,
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskAlert" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" DOUBLE PRECISION NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" "RiskAlertStatus" NOT NULL DEFAULT 'open',
    "snoozedUntil" TIMESTAMP(3),
    "snoozeReason" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "lastSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_code_key" ON "Customer"("code");

-- CreateIndex
CREATE INDEX "Customer_ownerId_idx" ON "Customer"("ownerId");

-- CreateIndex
CREATE INDEX "Customer_tier_status_idx" ON "Customer"("tier", "status");

-- CreateIndex
CREATE INDEX "Visit_ownerId_status_dueAt_idx" ON "Visit"("ownerId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Visit_customerId_status_idx" ON "Visit"("customerId", "status");

-- CreateIndex
CREATE INDEX "Complaint_assigneeId_status_idx" ON "Complaint"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Complaint_customerId_createdAt_idx" ON "Complaint"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_tokenHash_key" ON "Survey"("tokenHash");

-- CreateIndex
CREATE INDEX "Survey_contactEmail_createdAt_idx" ON "Survey"("contactEmail", "createdAt");

-- CreateIndex
CREATE INDEX "Survey_customerId_answeredAt_idx" ON "Survey"("customerId", "answeredAt");

-- CreateIndex
CREATE INDEX "RiskAlert_type_status_idx" ON "RiskAlert"("type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RiskAlert_type_subjectId_rule_key" ON "RiskAlert"("type", "subjectId", "rule");


-- Due revisits are found by time, not by scanning every plan.
CREATE INDEX "Visit_planned_due_idx" ON "Visit" ("dueAt") WHERE status = 'planned';
