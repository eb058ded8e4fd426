-- CreateEnum
CREATE TYPE "TrainingRequirementStatus" AS ENUM ('OPEN', 'COMPLETED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "TrainingPlan" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingRequirement" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "employeeId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "status" "TrainingRequirementStatus" NOT NULL DEFAULT 'OPEN',
    "satisfiedByEnrollmentId" UUID,
    "completedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingPlan_year_version_key" ON "TrainingPlan"("year", "version");

-- CreateIndex
CREATE INDEX "TrainingRequirement_employeeId_courseId_idx" ON "TrainingRequirement"("employeeId", "courseId");

-- CreateIndex
CREATE INDEX "TrainingRequirement_year_status_idx" ON "TrainingRequirement"("year", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingRequirement_year_employeeId_courseId_key" ON "TrainingRequirement"("year", "employeeId", "courseId");

