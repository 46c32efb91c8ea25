-- A channel's own order number (externalRef) identifies its order: the same number posted twice
-- is one order posted twice, and the second is refused (409 duplicate_order, with the first's id).
-- Numbers stored twice before this index keep the first order's as it is; each later one gets
-- its order id appended, so nothing is lost and the index can hold.
UPDATE dispatch.orders o
   SET external_ref = o.external_ref || '#' || o.id
  FROM (SELECT id, row_number() OVER (PARTITION BY channel, external_ref ORDER BY created_at, id) AS n
          FROM dispatch.orders WHERE external_ref IS NOT NULL) d
 WHERE d.id = o.id AND d.n > 1;

CREATE UNIQUE INDEX orders_channel_external_ref_key ON dispatch.orders (channel, external_ref) WHERE external_ref IS NOT NULL;
