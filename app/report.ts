/**
 * The temperature report's subject, from its owners: dispatch says whose and which boxes,
 * tracking says the state and the custody legs (who held it, in which box, from when to when).
 */
import { appDb } from '../platform/db/pool';
import { AppError } from '../platform/errors';
import { shipmentForReport } from '../dispatch';
import { lifecycleOf } from '../tracking';
import { temperatureReportModule, type ReportSubjectOf } from '../telemetry';

export const reportSubject: ReportSubjectOf = async (shipmentId, mayRead) => {
  const [s, l] = await Promise.all([shipmentForReport(appDb(), shipmentId), lifecycleOf(appDb(), shipmentId)]);
  if (!s || !l) return null;
  mayRead(s.facility.id);
  const cls = s.coldClasses.includes('frozen') ? 'frozen' : s.coldClasses.includes('chilled') ? 'chilled' : null;
  if (!cls) throw new AppError('conflict', 'no_temperature_record', `Shipment ${shipmentId} carries no refrigerated goods, so it has no temperature record.`);
  return {
    shipmentId, orderToken: s.orderToken, facility: s.facility, state: l.state, temperatureClass: cls,
    stabilityBudgetMin: s.stabilityBudgetMin[cls] ?? null,
    legs: l.custody.map((k) => ({ boxId: k.boxId, holder: `${k.holder.kind}${k.holder.id ? ` ${k.holder.id}` : ''}`, from: new Date(k.from), to: k.to ? new Date(k.to) : null })),
    boxes: s.boxes,
  };
};

export const temperatureReports = temperatureReportModule(reportSubject);
