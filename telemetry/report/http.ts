/** The temperature report routes: the PDF a regulator reads and the CSV a QA analyst opens. */
import { z } from 'zod';
import { appDb } from '../../platform/db/pool';
import { AppError } from '../../platform/errors';
import { route, schemas, type RequestContext, type RouteModule } from '../../platform/http/route';
import { assembleReport, type ReportSubject } from './model';
import { reportCsv } from './csv';
import { reportPdf } from './pdf';

/**
 * Who the shipment is, its legs and boxes (app/ builds it from dispatch and tracking); null: no such
 * shipment. `mayRead(facilityId)` throws when the caller may not read that facility's shipments; it
 * is called before anything else about the shipment is said (whether it is cold, for one).
 */
export type ReportSubjectOf = (shipmentId: string, mayRead: (facilityId: string) => void) => Promise<ReportSubject | null>;

const errors = { 403: { codes: ['other_store'] }, 404: { codes: ['shipment_not_found'] }, 409: { codes: ['no_temperature_record'] } };
const params = z.object({ id: schemas.id('shp') }).strict();
const query = z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN').meta({ description: 'Language of the report (times are printed in the facility\'s zone and in UTC either way)' }) }).strict();

async function subjectFor(subjectOf: ReportSubjectOf, rc: RequestContext, id: string): Promise<ReportSubject> {
  const s = await subjectOf(id, (facilityId) => {
    if (rc.user!.role === 'partner' && rc.user!.facilityId !== facilityId) throw new AppError('forbidden', 'other_store', 'A partner account sees only its own store\'s shipments.');
  });
  if (!s) throw new AppError('not_found', 'shipment_not_found', `No shipment ${id}.`);
  return s;
}

export function temperatureReportModule(subjectOf: ReportSubjectOf): RouteModule {
  const answer = (rc: RequestContext, body: Buffer | string, type: string, name: string, sha: string) => {
    rc.koa.type = type;
    rc.koa.set('Content-Disposition', `attachment; filename="${name}"`);
    rc.koa.set('X-Content-SHA256', sha);
    rc.koa.set('Cache-Control', 'no-store');
    rc.koa.body = body;
  };
  return {
    name: 'temperature-report',
    routes: [
      route({
        method: 'get', path: '/shipments/:id/temperature-report.pdf', operationId: 'getTemperatureReportPdf', tags: ['quality'], access: ['admin', 'dispatcher', 'qa', 'partner'], params, query, produces: ['application/pdf'], errors,
        summary: 'A shipment\'s temperature report as PDF: limits, boxes and calibration, custody legs, the curve, min/max/MKT, time out of range, stability budget, alarms with their acknowledgements, gaps, content hash',
        async handler({ params: p, query: qy }, rc) {
          const r = await assembleReport(appDb(), await subjectFor(subjectOf, rc, p.id));
          answer(rc, await reportPdf(r, qy.lang), 'application/pdf', `temperature-report-${p.id}.pdf`, r.contentSha256);
        },
      }),
      route({
        method: 'get', path: '/shipments/:id/temperature-report.csv', operationId: 'getTemperatureReportCsv', tags: ['quality'], access: ['admin', 'dispatcher', 'qa', 'partner'], params, query, produces: ['text/csv'], errors,
        summary: 'The same report as CSV: header and figures as # lines, then every reading (UTC and local time, box, probes, door, buffered, in range)',
        async handler({ params: p }, rc) {
          const r = await assembleReport(appDb(), await subjectFor(subjectOf, rc, p.id));
          answer(rc, reportCsv(r), 'text/csv; charset=utf-8', `temperature-report-${p.id}.csv`, r.contentSha256);
        },
      }),
    ],
  };
}
