/**
 * Scenario 3 on n8n 1.123.81's distributed engine (scenario 1 on 1.x is in campaigns.test.ts).
 */
import { N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import { useCallbackDeployment } from './scenarios/callbackDeployment';
import { statusesAndTapScenario } from './scenarios/statusesAndTap';

describe('queue mode on n8n 1.x: callbacks and a tap through the webhook processor', () => {
	statusesAndTapScenario(useCallbackDeployment(N8N_VERSIONS.v1));
});
