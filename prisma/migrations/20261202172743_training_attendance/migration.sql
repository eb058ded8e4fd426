-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'ABSENT', 'EXCUSED');

-- CreateEnum
CREATE TYPE "TrainingResult" AS ENUM ('COMPLETED', 'FAILED');

-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "assessedAt" TIMESTAMP(3),
ADD COLUMN     "assessedById" UUID,
ADD COLUMN     "attempt" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "attendance" "AttendanceStatus",
ADD COLUMN     "attendanceRecordedAt" TIMESTAMP(3),
ADD COLUMN     "attendanceRecordedById" UUID,
ADD COLUMN     "result" "TrainingResult",
ADD COLUMN     "resultAt" TIMESTAMP(3),
ADD COLUMN     "score" INTEGER;

-- CreateTable
CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "enrollmentId" UUID NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingPolicy" (
    "version" SERIAL NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingPolicy_pkey" PRIMARY KEY ("version")
);

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_enrollmentId_key" ON "Certificate"("enrollmentId");

-- CreateIndex
CREATE INDEX "Certificate_employeeId_courseId_idx" ON "Certificate"("employeeId", "courseId");

