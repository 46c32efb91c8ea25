/**
 * The demo accounts `npm start` makes after seeding, one per role (the partner scoped to a store,
 * the rider to a rider of it), with random passwords printed once and kept in a git-ignored file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appDb, withTx } from '../platform/db/pool';
import { createUser, findUserByUsername } from '../platform/auth/users';
import { randomPassword } from '../platform/auth/password';
import { recordAudit } from '../platform/audit/audit';
import type { Role } from '../platform/http/route';

export async function ensureDemoAccounts(file: string, scopes: { facilityId: string; riderId: string }): Promise<void> {
  if (existsSync(file)) return;
  const db = appDb();
  const lines: string[] = [];
  const roles: Array<{ role: Role; username: string; name: string }> = [
    { role: 'admin', username: 'admin', name: '管理员 Admin' },
    { role: 'dispatcher', username: 'dispatcher', name: '调度员 Dispatcher' },
    { role: 'qa', username: 'qa', name: '质量管理 QA' },
    { role: 'rider', username: 'rider', name: '骑手 Rider' },
    { role: 'partner', username: 'partner', name: '合作药房 Partner' },
  ];
  for (const r of roles) {
    if (await findUserByUsername(db, r.username)) continue;
    const password = randomPassword();
    await withTx(db, async (c) => {
      const u = await createUser(c, {
        username: r.username, displayName: r.name, role: r.role, password,
        facilityId: r.role === 'partner' ? scopes.facilityId : null,
        riderId: r.role === 'rider' ? scopes.riderId : null,
      });
      await recordAudit(c, { actorId: 'system:bootstrap', actorRole: null, action: 'user.create', entityType: 'user', entityId: u.id, newValue: u, reason: 'demo account' });
    });
    lines.push(`${r.role.padEnd(11)} ${r.username.padEnd(11)} ${password}`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `# Demo accounts (role, username, password). Generated once; delete this file and the users to regenerate.\n${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`\nDemo accounts (shown once; kept in ${file}):\n${lines.map((l) => '  ' + l).join('\n')}\n`);
}

