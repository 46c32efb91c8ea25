-- The customer's language for the notices we send them (tracking/notify): zh-CN or en, as the
-- channel says; null = not said (notices go in zh-CN).
ALTER TABLE dispatch.orders ADD COLUMN language text CHECK (language IN ('zh-CN', 'en'));
