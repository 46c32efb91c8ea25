/**
 * Who is logged in, for every web app: the session itself is the httpOnly cookie the login
 * sets; this keeps the user it belongs to (from /auth/me) and what their role may open.
 */
import { ref } from 'vue';
import { api } from '../api/endpoints';
import { ApiError, whenUnauthenticated } from '../api/client';
import type { Role, User } from '../api/types';

export const currentUser = ref<User | null>(null);
/** Set when the server ended the session under us, so the login page can say so. */
export const sessionEnded = ref(false);

/** Reads the session's user; null when there is none. */
export async function loadSession(): Promise<User | null> {
  try {
    currentUser.value = await api.me();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    currentUser.value = null;
  }
  return currentUser.value;
}

export async function login(username: string, password: string): Promise<User> {
  const r = await api.login(username, password);
  currentUser.value = r.user;
  sessionEnded.value = false;
  return r.user;
}

export async function logout(): Promise<void> {
  try { await api.logout(); } finally { currentUser.value = null; }
}

whenUnauthenticated(() => {
  if (currentUser.value) sessionEnded.value = true;
  currentUser.value = null;
});

/** The console's pages and who may open them (the API refuses the rest anyway). */
export const PAGE_ROLES: Record<'map' | 'orders' | 'alarms' | 'dispatch' | 'admin' | 'partner' | 'qa' | 'kpi', readonly Role[]> = {
  map: ['admin', 'dispatcher', 'qa'],
  orders: ['admin', 'dispatcher', 'qa', 'partner'],
  alarms: ['admin', 'dispatcher', 'qa', 'partner'],
  dispatch: ['admin', 'dispatcher', 'partner'],
  admin: ['admin'],
  partner: ['partner'],
  qa: ['qa', 'admin'],
  kpi: ['admin', 'dispatcher', 'qa', 'partner'],
};

export function mayOpen(page: keyof typeof PAGE_ROLES, user: User | null = currentUser.value): boolean {
  return !!user && PAGE_ROLES[page].includes(user.role);
}
