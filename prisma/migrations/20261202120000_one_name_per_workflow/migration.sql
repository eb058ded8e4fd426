-- Data only: each workflow has one name from job to handler to email (docs/adding-a-service.md).
-- Pending timers and unfinished outbox rows take the new names, finished rows keep their history.
-- A job already in Redis under an old name is still routed (RENAMED_JOBS in libs/queue).
WITH renamed (old, new) AS (VALUES
  ('approval.reminder', 'approval.remind'),
  ('followup.import', 'customer.import'),
  ('followup.digest', 'revisit.digest'),
  ('followup.visit-overdue', 'visit.escalate-overdue'),
  ('followup.complaint-reminder', 'complaint.remind'),
  ('followup.complaint-deadline', 'complaint.escalate'),
  ('followup.survey-due', 'survey.send'),
  ('followup.risk-scan', 'risk.scan'),
  ('followup.schedule-check', 'revisit.check-schedules')
), timers AS (
  UPDATE "Timer" t SET kind = r.new FROM renamed r
  WHERE t.kind = r.old AND t."firedAt" IS NULL AND t."cancelledAt" IS NULL
)
UPDATE "Outbox" o SET "jobName" = r.new FROM renamed r
WHERE o."jobName" = r.old AND o."doneAt" IS NULL;
