-- When the next escalation step of an unacknowledged alarm fires (issue 18: the console shows
-- the tier an alarm is at and when the next one fires). Written by the notification worker as
-- it schedules the next BullMQ step; NULL when no further step is scheduled.
ALTER TABLE telemetry.alarms ADD COLUMN next_escalation_at timestamptz;
