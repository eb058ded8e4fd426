-- CreateEnum
CREATE TYPE "RiskTaskStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "AttritionPolicy" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttritionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskTask" (
    "id" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "RiskTaskStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AttritionPolicy_version_key" ON "AttritionPolicy"("version");

-- CreateIndex
CREATE INDEX "RiskTask_ownerId_status_idx" ON "RiskTask"("ownerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RiskTask_alertId_kind_key" ON "RiskTask"("alertId", "kind");

