-- CreateEnum
CREATE TYPE "TrainingFeedbackOutcome" AS ENUM ('CONFIRMED', 'WAITLISTED', 'ALREADY_ENROLLED', 'NO_SESSION', 'NO_COURSE');

-- CreateEnum
CREATE TYPE "PromotionNominationStatus" AS ENUM ('PENDING', 'CONFIRMED', 'DECLINED');

-- CreateTable
CREATE TABLE "TrainingFeedback" (
    "id" UUID NOT NULL,
    "appraisalId" UUID NOT NULL,
    "kpi" TEXT NOT NULL,
    "employeeId" UUID NOT NULL,
    "managerId" UUID,
    "period" TEXT NOT NULL,
    "category" "CourseCategory" NOT NULL,
    "score" DECIMAL(6,2) NOT NULL,
    "threshold" DECIMAL(6,2) NOT NULL,
    "outcome" "TrainingFeedbackOutcome" NOT NULL,
    "courseId" UUID,
    "enrollmentId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromotionNomination" (
    "id" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "appraisalId" UUID NOT NULL,
    "managerId" UUID,
    "band" TEXT NOT NULL,
    "streak" INTEGER NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" "PromotionNominationStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PromotionNomination_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrainingFeedback_employeeId_idx" ON "TrainingFeedback"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingFeedback_appraisalId_kpi_key" ON "TrainingFeedback"("appraisalId", "kpi");

-- CreateIndex
CREATE INDEX "PromotionNomination_status_createdAt_idx" ON "PromotionNomination"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PromotionNomination_employeeId_appraisalId_key" ON "PromotionNomination"("employeeId", "appraisalId");

