-- CreateEnum
CREATE TYPE "CommissionStatementStatus" AS ENUM ('OPEN', 'APPROVED');

-- CreateEnum
CREATE TYPE "CommissionLineKind" AS ENUM ('SALE', 'CLAWBACK');

-- CreateEnum
CREATE TYPE "CommissionDisputeStage" AS ENUM ('MANAGER', 'FINANCE', 'ADMIN');

-- CreateEnum
CREATE TYPE "CommissionDisputeStatus" AS ENUM ('OPEN', 'RESOLVED');

-- AlterEnum
ALTER TYPE "ContractStatus" ADD VALUE 'REVERSED';

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "reversedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CommissionPlan" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "effectiveFromDay" DATE NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommissionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionStatement" (
    "id" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "periodFirstDay" DATE NOT NULL,
    "periodEndDay" DATE NOT NULL,
    "status" "CommissionStatementStatus" NOT NULL DEFAULT 'OPEN',
    "planVersion" INTEGER NOT NULL,
    "target" DECIMAL(20,2),
    "sales" DECIMAL(20,2) NOT NULL,
    "attainmentPct" DECIMAL(12,2),
    "tier" TEXT NOT NULL,
    "total" DECIMAL(20,2) NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "approvedAt" TIMESTAMP(3),
    "approvedById" UUID,

    CONSTRAINT "CommissionStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionLine" (
    "id" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "CommissionLineKind" NOT NULL,
    "contractId" UUID NOT NULL,
    "amountBase" DECIMAL(20,2) NOT NULL,
    "discountPct" DECIMAL(5,2) NOT NULL,
    "tier" TEXT NOT NULL,
    "ratePct" DECIMAL(9,4) NOT NULL,
    "baseCommission" DECIMAL(20,2) NOT NULL,
    "adjustments" JSONB NOT NULL,
    "commission" DECIMAL(20,2) NOT NULL,
    "clawsBackStatementId" UUID,

    CONSTRAINT "CommissionLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommissionDispute" (
    "id" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "managerId" UUID,
    "reason" TEXT NOT NULL,
    "stage" "CommissionDisputeStage" NOT NULL,
    "status" "CommissionDisputeStatus" NOT NULL DEFAULT 'OPEN',
    "managerDueAt" TIMESTAMP(3),
    "financeDueAt" TIMESTAMP(3),
    "outcome" TEXT,
    "comment" TEXT,
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CommissionDispute_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CommissionPlan_version_key" ON "CommissionPlan"("version");

-- CreateIndex
CREATE INDEX "CommissionPlan_effectiveFromDay_version_idx" ON "CommissionPlan"("effectiveFromDay", "version");

-- CreateIndex
CREATE INDEX "CommissionStatement_status_periodFirstDay_idx" ON "CommissionStatement"("status", "periodFirstDay");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionStatement_employeeId_period_key" ON "CommissionStatement"("employeeId", "period");

-- CreateIndex
CREATE INDEX "CommissionLine_contractId_kind_idx" ON "CommissionLine"("contractId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CommissionLine_statementId_kind_contractId_key" ON "CommissionLine"("statementId", "kind", "contractId");

-- CreateIndex
CREATE INDEX "CommissionDispute_statementId_idx" ON "CommissionDispute"("statementId");

-- AddForeignKey
ALTER TABLE "CommissionLine" ADD CONSTRAINT "CommissionLine_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "CommissionStatement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

