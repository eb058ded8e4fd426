-- DropIndex
DROP INDEX "Contract_customerName_idx";

-- CreateIndex
CREATE INDEX "Contract_customerName_createdAt_idx" ON "Contract"("customerName", "createdAt");

-- CreateIndex
CREATE INDEX "Contract_customerId_status_idx" ON "Contract"("customerId", "status");

