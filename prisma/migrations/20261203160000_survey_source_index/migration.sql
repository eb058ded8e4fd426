-- The survey sender looks up whether a source has had its survey before each survey, and
-- without an index that was a scan of every survey ever sent. (No semicolon in comments: the
-- migration runner here splits scripts at every one.)
CREATE INDEX "Survey_sourceId_reason_idx" ON "Survey"("sourceId", "reason");
