-- Keeps dispatch.boxes.calibration_due equal to the due date of the box's latest calibration
-- certificate (a documented one before any declared one, then the one calibrated last, then the last
-- uploaded), as the row trigger box_calibration_sync on dispatch.calibration_certificates (dispatch
-- migration 017). The certificates are the one source; the column is their copy for the fleet
-- and planning queries, which filter boxes by it on every order.
CREATE OR REPLACE FUNCTION dispatch.box_calibration_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  b text := coalesce(NEW.box_id, OLD.box_id);
  due date;
BEGIN
  SELECT c.due_on INTO due FROM dispatch.calibration_certificates c WHERE c.box_id = b
   ORDER BY c.source = 'documented' DESC, c.calibrated_on DESC NULLS LAST, c.uploaded_at DESC, c.id DESC LIMIT 1;
  IF due IS NOT NULL THEN
    UPDATE dispatch.boxes SET calibration_due = due WHERE id = b AND calibration_due IS DISTINCT FROM due;
  END IF;
  RETURN NULL;
END $$;
