-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "customerTier" TEXT,
ADD COLUMN     "lostCompetitorId" UUID,
ADD COLUMN     "lostReason" TEXT,
ADD COLUMN     "pricePolicyVersion" INTEGER;

-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "lostCompetitorId" UUID,
ADD COLUMN     "lostReason" TEXT;

-- CreateTable
CREATE TABLE "PricePolicy" (
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PricePolicy_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Competitor" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Competitor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Competitor_name_key" ON "Competitor"("name");
