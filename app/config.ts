/** Loads every context's setting declarations so the registry knows them all. */
import '../platform/config/keys';
import '../geo/config';
import '../dispatch/config';
import '../telemetry/config';
import '../telemetry/report/config';
import '../tracking/config';
import '../tracking/positions/config';
import '../tracking/notify/config';
import '../tracking/public/config';
import './demo/notification-sink';
