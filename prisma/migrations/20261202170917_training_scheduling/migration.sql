-- CreateEnum
CREATE TYPE "CourseCategory" AS ENUM ('product_knowledge', 'sales_skills', 'customer_relationship', 'compliance', 'management');

-- CreateEnum
CREATE TYPE "TrainingSessionStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('CONFIRMED', 'WAITLISTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Course" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "category" "CourseCategory" NOT NULL,
    "levels" "Role"[],
    "durationMinutes" INTEGER NOT NULL,
    "mandatory" BOOLEAN NOT NULL DEFAULT false,
    "passMark" INTEGER,
    "attemptsAllowed" INTEGER,
    "certificateValidityMonths" INTEGER,
    "productLine" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "place" TEXT,
    "onlineUrl" TEXT,
    "trainerId" UUID NOT NULL,
    "capacity" INTEGER NOT NULL,
    "waitlist" BOOLEAN NOT NULL DEFAULT true,
    "status" "TrainingSessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "icalSequence" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "status" "EnrollmentStatus" NOT NULL,
    "waitlistedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "enrolledById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Course_code_key" ON "Course"("code");

-- CreateIndex
CREATE INDEX "TrainingSession_trainerId_startsAt_idx" ON "TrainingSession"("trainerId", "startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_courseId_startsAt_idx" ON "TrainingSession"("courseId", "startsAt");

-- CreateIndex
CREATE INDEX "Enrollment_sessionId_status_idx" ON "Enrollment"("sessionId", "status");

-- CreateIndex
CREATE INDEX "Enrollment_employeeId_idx" ON "Enrollment"("employeeId");


-- At most one active enrollment per person and session (Prisma cannot declare a partial index)
CREATE UNIQUE INDEX "Enrollment_one_active_per_person" ON "Enrollment"("sessionId", "employeeId") WHERE "status" <> 'WITHDRAWN';

-- Rules the service checks first, kept by the database too
ALTER TABLE "Course" ADD CONSTRAINT "Course_passMark_range" CHECK ("passMark" IS NULL OR ("passMark" BETWEEN 0 AND 100));
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_capacity_positive" CHECK ("capacity" > 0);
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_ends_after_start" CHECK ("endsAt" > "startsAt");
