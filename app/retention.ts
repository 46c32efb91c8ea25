/**
 * Retention and privacy housekeeping (COMPLIANCE A.8, A.21, E.55), wired from telemetry's
 * record purge and dispatch's personal-data purge: one pass of each. The worker runs it daily
 * (RETENTION_PURGE_PATTERN); `npm run cli -- purge [--dry-run]` runs it by hand.
 */
import type pg from 'pg';
import { latestLotExpiry, purgePersonalData, type PersonalDataPurge } from '../dispatch';
import { purgeExpiredRecords, type PurgeResult, type RetentionPorts } from '../telemetry';

export const retentionPorts = (db: pg.Pool): RetentionPorts => ({ latestLotExpiry: (ids) => latestLotExpiry(db, ids) });

export interface RetentionRun { records: PurgeResult; personalData: PersonalDataPurge }

export async function runRetention(db: pg.Pool, o: { now?: Date; dryRun?: boolean; actor?: string } = {}): Promise<RetentionRun> {
  const personalData = await purgePersonalData(db, o);
  const records = await purgeExpiredRecords(db, retentionPorts(db), o);
  return { records, personalData };
}
