/**
 * Insider's calls into a queue-mode n8n 2.x: status callbacks and button taps reach the webhook
 * processor through the load balancer, their executions run on workers, and what the trigger
 * emits is what it emits in regular mode. Then sizing (callbacks per second through one
 * processor), and Insider's retries across two webhook processors, into the trigger + Remove
 * Duplicates and into the Webhook node + Read Callback Events. All on one deployment.
 */
import { N8N_VERSIONS } from '../../../dev/n8n/n8nInstall';
import { useCallbackDeployment } from './scenarios/callbackDeployment';
import {
	readEventsRetriesScenario,
	readEventsRetriesWorkflows,
} from './scenarios/readEventsRetries';
import { sizingScenario, sizingWorkflows } from './scenarios/sizing';
import type { RegularTwin } from './scenarios/statusesAndTap';
import { startRegularTwin, statusesAndTapScenario } from './scenarios/statusesAndTap';
import { triggerRetriesScenario, triggerRetriesWorkflows } from './scenarios/triggerRetries';

describe('queue mode: callbacks and taps through webhook processors', () => {
	let regular: RegularTwin;
	const queue = useCallbackDeployment(N8N_VERSIONS.v2, {
		more: (recorderUrl) => [
			...sizingWorkflows(recorderUrl),
			...triggerRetriesWorkflows(recorderUrl),
			...readEventsRetriesWorkflows(recorderUrl),
		],
		alongside: async (fixture) => {
			regular = await startRegularTwin(fixture);
		},
	});
	afterAll(async () => await regular?.stop());

	statusesAndTapScenario(queue, () => regular);
	sizingScenario(queue);
	// 4. Send and Wait in queue mode is in sendAndWait.test.ts, with a deployment of its own.
	triggerRetriesScenario(queue);
	readEventsRetriesScenario(queue);
});
