/** Whose session has signed already (user id), so the signature dialog asks the password alone after the first (21 CFR 11.200(a)(1)(ii)). */
import { ref, watch } from 'vue';
import { currentUser } from '../../../../web-shared/auth/session';

export const signedInSession = ref<string | null>(null);
// A new login is a new session: the first signature needs the username again.
watch(currentUser, (u, before) => { if (u?.id !== before?.id || !u) signedInSession.value = null; });
