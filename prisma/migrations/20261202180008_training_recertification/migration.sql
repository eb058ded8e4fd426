-- AlterTable
ALTER TABLE "TrainingRequirement" ADD COLUMN     "recertifiesCertificateId" UUID;

