-- AlterTable
ALTER TABLE "AppraisalCycle" ADD COLUMN     "peersPerPerson" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "reminderAt" DOUBLE PRECISION NOT NULL DEFAULT 0.75;

-- AlterTable
ALTER TABLE "Appraisal" ADD COLUMN     "calibratedAt" TIMESTAMP(3),
ADD COLUMN     "calibratedById" UUID,
ADD COLUMN     "calibrationReason" TEXT,
ADD COLUMN     "managerComment" TEXT,
ADD COLUMN     "managerReviewedAt" TIMESTAMP(3),
ADD COLUMN     "managerReviewedById" UUID,
ADD COLUMN     "reviewedBand" TEXT,
ADD COLUMN     "selfComment" TEXT,
ADD COLUMN     "selfReviewedAt" TIMESTAMP(3),
ADD COLUMN     "signedOffAt" TIMESTAMP(3),
ADD COLUMN     "signedOffById" UUID;

-- CreateTable
CREATE TABLE "AppraisalPeerReview" (
    "id" UUID NOT NULL,
    "appraisalId" UUID NOT NULL,
    "peerId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "rating" INTEGER,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "AppraisalPeerReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AppraisalPeerReview_tokenHash_key" ON "AppraisalPeerReview"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "AppraisalPeerReview_appraisalId_peerId_key" ON "AppraisalPeerReview"("appraisalId", "peerId");

