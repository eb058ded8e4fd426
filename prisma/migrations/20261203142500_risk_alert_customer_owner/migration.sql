-- The owner of a customer-demand alert's customer, on the alert (issue 13 item 8): the managers'
-- risk digest reads the open alerts of a batch's reporting lines by owner, instead of probing
-- the alerts once per customer of those lines (50,000 probes per batch of 100 managers at
-- 1,000,000 customers, most of them customers without an alert). The app keeps it in step: the
-- risk scan on every write of an alert, a customer update or import when the owner changes.
ALTER TABLE "RiskAlert" ADD COLUMN "customerOwnerId" UUID;

UPDATE "RiskAlert" a SET "customerOwnerId" = c."ownerId"
FROM "Customer" c WHERE a.type = 'customer_demand' AND c.id = a."subjectId";

-- The open ones only: resolved and cleared alerts pile up over the years, the digest never reads them.
CREATE INDEX "RiskAlert_open_customer_demand_owner_idx" ON "RiskAlert" ("customerOwnerId")
WHERE type = 'customer_demand' AND severity > 0 AND "resolvedAt" IS NULL;
