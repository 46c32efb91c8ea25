/**
 * The dispatch page's state and actions, kept out of the .vue file: load a facility's plan and
 * riders, preview an edit, apply it against the plan version it was previewed on, and turn a
 * 409 plan_changed into a notice that says what moved (the board then shows the new plan).
 */
import { computed, ref, shallowRef } from 'vue';
import { api } from '../../../../web-shared/api/endpoints';
import { ApiError } from '../../../../web-shared/api/client';
import type { Facility, Rider } from '../../../../web-shared/api/types';
import { dispatchApi, type EditPreview, type Plan, type PlanChanged, type PlanEdit, type PlanGeometry } from './api';
import { buildBoard, type Board } from './board';
import { routeColors } from '../map/route-colors';

export function useDispatch(msg: { failed: (e: ApiError | Error) => string; loadFailed: (e: Error) => string }) {
  const facilities = shallowRef<Facility[]>([]);
  const facilityId = ref('');
  const plan = shallowRef<Plan | null>(null);
  const riders = shallowRef<Rider[]>([]);
  const geometry = shallowRef<PlanGeometry | null>(null);
  const loading = ref(false);
  const error = ref('');
  const noPlan = ref(false);
  const conflict = shallowRef<PlanChanged | null>(null);

  const facility = computed(() => facilities.value.find((f) => f.id === facilityId.value) ?? null);
  // No plan yet: the online riders' columns, empty.
  const board = computed<Board>(() => buildBoard(plan.value ?? { planId: '', facilityId: facilityId.value, createdAt: '', reason: null, routes: [], unassigned: [], shipments: [] }, riders.value));
  const colors = computed(() => routeColors([...new Set([...riders.value.map((r) => r.id), ...(plan.value?.routes.map((r) => r.riderId) ?? [])])]));
  const riderName = (id: string) => riders.value.find((r) => r.id === id)?.name ?? id;
  const timeZone = computed(() => facility.value?.timeZone ?? 'Asia/Shanghai');

  async function loadFacilities() {
    facilities.value = (await api.facilities()).facilities;
    if (!facilityId.value && facilities.value.length) facilityId.value = facilities.value[0].id;
  }

  async function load() {
    if (!facilityId.value) return;
    const id = facilityId.value;
    loading.value = true;
    error.value = '';
    try {
      const [p, r] = await Promise.all([
        dispatchApi.plan(id).catch((e) => { if (e instanceof ApiError && e.code === 'no_plan') return null; throw e; }),
        api.riders({ facilityId: id }),
      ]);
      if (id !== facilityId.value) return;
      plan.value = p;
      noPlan.value = !p;
      riders.value = r.riders;
      geometry.value = null;
      if (p) dispatchApi.geometry(id).then((g) => { if (g.planId === plan.value?.planId) geometry.value = g; }, () => undefined);
    } catch (e) {
      error.value = msg.loadFailed(e as Error);
    } finally {
      loading.value = false;
    }
  }

  async function replan() {
    const p = await dispatchApi.replan(facilityId.value);
    await load();
    return p;
  }

  // The edit in the preview dialog.
  const edit = shallowRef<PlanEdit | null>(null);
  const preview = shallowRef<EditPreview | null>(null);
  const previewing = ref(false);
  const saving = ref(false);
  const previewError = ref('');
  const stale = ref(false);

  async function startEdit(e: PlanEdit) {
    edit.value = e;
    preview.value = null;
    previewError.value = '';
    stale.value = false;
    previewing.value = true;
    try {
      preview.value = await dispatchApi.preview(facilityId.value, e);
    } catch (err) {
      previewError.value = msg.failed(err as Error);
    } finally {
      previewing.value = false;
    }
  }
  function closeEdit() { edit.value = null; preview.value = null; previewError.value = ''; stale.value = false; }

  /** Applies the previewed edit; 'conflict' when a newer plan came first (the board reloads and says what moved). */
  async function confirmEdit(reason: string): Promise<{ planId: string } | 'conflict' | null> {
    if (!edit.value || !preview.value) return null;
    saving.value = true;
    try {
      const r = await dispatchApi.applyEdit(facilityId.value, preview.value.basePlanId, edit.value, reason);
      closeEdit();
      conflict.value = null;
      await load();
      return { planId: r.planId };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'plan_changed') {
        conflict.value = err.details as PlanChanged;
        closeEdit();
        await load();
        return 'conflict';
      }
      previewError.value = msg.failed(err as Error);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    facilities, facilityId, facility, plan, riders, geometry, loading, error, noPlan, conflict, board, colors, riderName, timeZone,
    loadFacilities, load, replan, edit, preview, previewing, saving, previewError, stale, startEdit, closeEdit, confirmEdit,
  };
}
