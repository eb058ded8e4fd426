-- CreateTable
CREATE TABLE "RiskLinkToken" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "alertId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskLinkToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RiskLinkToken_tokenHash_key" ON "RiskLinkToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "RiskLinkToken_alertId_employeeId_action_localDate_key" ON "RiskLinkToken"("alertId", "employeeId", "action", "localDate");

