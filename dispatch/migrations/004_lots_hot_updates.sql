-- Every order updates lots.reserved (place_order), every pickup lots.on_hand. The covering index
-- lots_sku_idx INCLUDEd both columns, so none of those updates could be a HOT update: each one
-- wrote a new entry into all four indexes of the table, and the entries of busy lots piled up
-- until vacuum (order placement slowed down over a long run). No query needs the INCLUDE (stock
-- is read by facility and SKU, through lots_facility_sku_idx); with it gone and room left in
-- each page (fillfactor), a reservation rewrites the row in place of its page.
DROP INDEX dispatch.lots_sku_idx;
CREATE INDEX lots_sku_idx ON dispatch.lots (sku_id);
ALTER TABLE dispatch.lots SET (fillfactor = 80);
