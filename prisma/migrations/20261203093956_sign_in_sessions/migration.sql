-- CreateTable
CREATE TABLE "SignInLink" (
    "id" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "SignInLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInSession" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "employeeId" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SignInSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignInLink_tokenHash_key" ON "SignInLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInLink_employeeId_idx" ON "SignInLink"("employeeId");

-- CreateIndex
CREATE UNIQUE INDEX "SignInSession_tokenHash_key" ON "SignInSession"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInSession_employeeId_createdAt_idx" ON "SignInSession"("employeeId", "createdAt");

