/**
 * The delivery lifecycle as the server runs it (tracking/browser.ts), for the rider app: while
 * actions wait in the offline queue, the stop shows the state they will lead to. The server
 * decides again when they arrive; a refusal then is shown as a conflict.
 */
export { decide, FAIL_CODES, TERMINAL, IN_CUSTODY, type State, type Action, type FailCode } from '../../tracking/browser';
