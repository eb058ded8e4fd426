-- AlterEnum
ALTER TYPE "NotificationStatus" ADD VALUE 'unknown';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "failingSince" TIMESTAMP(3);

