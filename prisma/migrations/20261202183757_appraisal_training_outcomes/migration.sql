-- CreateEnum
CREATE TYPE "TrainingOutcomeKind" AS ENUM ('COMPLETED', 'FAILED', 'OVERDUE');

-- CreateTable
CREATE TABLE "AppraisalTrainingOutcome" (
    "id" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "kind" "TrainingOutcomeKind" NOT NULL,
    "employeeId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "mandatory" BOOLEAN NOT NULL,
    "enrollmentId" UUID,
    "requirementId" UUID,
    "dueOn" DATE,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "attempt" INTEGER,
    "final" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppraisalTrainingOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppraisalTrainingOutcome_eventId_key" ON "AppraisalTrainingOutcome"("eventId");

-- CreateIndex
CREATE INDEX "AppraisalTrainingOutcome_employeeId_occurredAt_idx" ON "AppraisalTrainingOutcome"("employeeId", "occurredAt");

