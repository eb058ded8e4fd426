-- Risk digest links are signed grants now: only their uses are stored.
-- Links in digests sent before this migration stop working (404), as they would after 14 days.
DROP TABLE "RiskLinkToken";

-- CreateTable
CREATE TABLE "RiskLinkUse" (
    "alertId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RiskLinkUse_pkey" PRIMARY KEY ("alertId","employeeId","action","localDate")
);
