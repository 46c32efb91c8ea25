import type { Queryable } from '../db/pool';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { Role } from '../http/route';
import { hashPassword, passwordProblem } from './password';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  facilityId?: string | null;
  riderId?: string | null;
}

export interface PublicUser {
  id: string; username: string; displayName: string; role: Role;
  facilityId: string | null; riderId: string | null; active: boolean; createdAt: string;
}

export const toPublicUser = (r: Record<string, any>): PublicUser => ({
  id: r.id, username: r.username, displayName: r.display_name, role: r.role, facilityId: r.facility_id,
  riderId: r.rider_id, active: r.active, createdAt: new Date(r.created_at).toISOString(),
});

export async function createUser(q: Queryable, u: NewUser): Promise<PublicUser> {
  const problem = passwordProblem(u.password);
  if (problem) throw new AppError('invalid_input', 'weak_password', `The password needs ${problem}.`);
  if (u.role === 'partner' && !u.facilityId) throw new AppError('invalid_input', 'facility_required', 'A partner user is scoped to one pharmacy store: give facilityId.');
  if (u.role === 'rider' && !u.riderId) throw new AppError('invalid_input', 'rider_required', 'A rider user logs in as one fleet rider: give riderId.');
  const { rows } = await q.query(
    `INSERT INTO platform.users (id, username, display_name, role, facility_id, rider_id, password_hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
    [newId('usr'), u.username, u.displayName, u.role, u.facilityId ?? null, u.riderId ?? null, await hashPassword(u.password)]);
  return toPublicUser(rows[0]);
}

export async function findUserByUsername(q: Queryable, username: string) {
  const { rows } = await q.query('SELECT * FROM platform.users WHERE username = $1', [username]);
  return rows[0] as Record<string, any> | undefined;
}
