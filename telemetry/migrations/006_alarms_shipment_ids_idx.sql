-- The KPI and lane reports look alarms up by the shipments they concerned (shipment_ids && $1).
CREATE INDEX alarms_shipment_ids_idx ON telemetry.alarms USING gin (shipment_ids);
