-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "sourceId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Visit_kind_sourceId_key" ON "Visit"("kind", "sourceId");


-- "Exactly one planned regular visit per customer" is a database fact, not only a lock discipline.
CREATE UNIQUE INDEX "Visit_one_planned_regular" ON "Visit" ("customerId") WHERE kind = 'regular' AND status = 'planned';
