/** The console's pages; each opens only for the roles that may use it (PAGE_ROLES). */
import { createRouter, createWebHistory } from 'vue-router';
import { currentUser, loadSession, mayOpen, PAGE_ROLES } from '../../web-shared/auth/session';
import LoginPage from './features/login/LoginPage.vue';
import Shell from './layout/Shell.vue';

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
    {
      path: '/', component: Shell, children: [
        { path: '', name: 'home', redirect: () => ({ name: firstPage() }) },
        { path: 'map', name: 'map', component: () => import('./features/map/MapPage.vue') },
        { path: 'orders', name: 'orders', component: () => import('./features/orders/OrdersPage.vue') },
        { path: 'orders/:id', name: 'order', component: () => import('./features/orders/OrdersPage.vue') },
        { path: 'alarms/:id?', name: 'alarms', component: () => import('./features/alarms/AlarmsPage.vue') },
        { path: 'admin/:tab?', name: 'admin', component: () => import('./features/admin/AdminPage.vue') },
        { path: 'partner/:facilityId?', name: 'partner', component: () => import('./features/partner/PartnerPage.vue') },
        { path: 'qa/:tab?', name: 'qa', component: () => import('./features/qa/QaPage.vue') },
        { path: 'kpi', name: 'kpi', component: () => import('./features/kpi/KpiPage.vue') },
        { path: 'dispatch', name: 'dispatch', component: () => import('./features/dispatch/DispatchPage.vue') },
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

/** The first page the user's role may open. */
export function firstPage(): 'map' | 'partner' | 'orders' | 'alarms' | 'dispatch' {
  return (['map', 'partner', 'orders', 'alarms', 'dispatch'] as const).find((p) => mayOpen(p)) ?? 'orders';
}

let checked = false;
router.beforeEach(async (to) => {
  if (!checked) {
    checked = true;
    await loadSession().catch(() => null);
  }
  if (to.meta.public) return true;
  // Sent back where they were going, unless that was only the home page's redirect.
  if (!currentUser.value) return { name: 'login', query: to.redirectedFrom?.fullPath === '/' ? {} : { next: to.fullPath } };
  const page = (to.name === 'order' ? 'orders' : to.name) as keyof typeof PAGE_ROLES;
  if (page in PAGE_ROLES && !mayOpen(page)) return { name: firstPage() };
  return true;
});
