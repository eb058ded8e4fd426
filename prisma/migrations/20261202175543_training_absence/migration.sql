-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "absenceId" UUID;

