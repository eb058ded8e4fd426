-- AlterTable
ALTER TABLE "RiskAlert" ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "tasksDone" BOOLEAN;

-- AlterTable
ALTER TABLE "RiskTask" ADD COLUMN     "doneAt" TIMESTAMP(3),
ADD COLUMN     "doneById" UUID,
ADD COLUMN     "note" TEXT;

