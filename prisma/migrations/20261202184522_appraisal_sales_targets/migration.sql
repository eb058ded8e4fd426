-- CreateTable
CREATE TABLE "SalesTarget" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "employeeId" UUID NOT NULL,
    "amount" DECIMAL(20,2) NOT NULL,
    "setById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalesTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalesTarget_employeeId_idx" ON "SalesTarget"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "SalesTarget_period_employeeId_key" ON "SalesTarget"("period", "employeeId");

