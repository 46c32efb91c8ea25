/** Tracking's face for the web build: the lifecycle machine (pure, no imports), so the rider app's offline queue moves a stop the way the server will. */
export { decide, FAIL_CODES, TERMINAL, IN_CUSTODY, type State, type Action, type FailCode, type Decision } from './lifecycle/machine';
