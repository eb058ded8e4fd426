-- The competition scan's tier-drop rule reads the audit trail's customer entries that carry a tier
-- (issue 13 item 3): a partial index keeps it to those, by time.
CREATE INDEX "AuditEntry_customer_tier_at_idx" ON "AuditEntry" ("at") WHERE "entityType" = 'customer' AND ("before" ? 'tier');
