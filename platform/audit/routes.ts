import { z } from 'zod';
import { appDb } from '../db/pool';
import { route, type RouteModule } from '../http/route';
import { queryAudit } from './audit';

export const AuditOut = z.object({
  id: z.number(), at: z.string(), actorId: z.string().nullable(), actorRole: z.string().nullable(), action: z.string(),
  entityType: z.string(), entityId: z.string().nullable(), oldValue: z.unknown(), newValue: z.unknown(),
  reason: z.string().nullable(), requestId: z.string().nullable(),
}).meta({ id: 'AuditEntry' });

const list = route({
  method: 'get', path: '/audit', operationId: 'listAuditEntries', summary: 'Query the audit trail (newest first)', tags: ['audit'], access: ['admin', 'qa'],
  query: z.object({
    entityType: z.string().max(60).optional(), entityId: z.string().max(100).optional(), actorId: z.string().max(100).optional(),
    action: z.string().max(100).optional(), from: z.coerce.date().optional(), to: z.coerce.date().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100), before: z.coerce.number().int().positive().optional(),
  }).strict(),
  response: z.object({ entries: z.array(AuditOut), nextBefore: z.number().nullable() }),
  async handler({ query }) {
    const entries = await queryAudit(appDb(), query);
    return { body: { entries, nextBefore: entries.length === query.limit ? entries[entries.length - 1].id : null } };
  },
});

export const auditModule: RouteModule = { name: 'audit', routes: [list] };
