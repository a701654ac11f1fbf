// The end-to-end time scale lives in dev/ since the bench uses it too.
export { callbackOutcomes, E2E_TIME_SCALE, RETRY_HORIZON_MS } from '../../../dev/callbackTime';
