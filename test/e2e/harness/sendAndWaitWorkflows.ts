/**
 * The workflows of the Send and Wait scenarios: a webhook starts a Send Quick Reply and Wait for
 * Tap, a Switch on the tapped button id routes the resumed item (its fallback output catches a
 * timeout), and every branch forwards what it got to a recorder.
 */
import { INSIDER_CREDENTIAL, PKG, workflow } from './workflows';

export const BUTTONS = [
	{ id: 'yes', title: 'Yes' },
	{ id: 'no', title: 'No' },
	{ id: 'later', title: 'Later' },
];
/** The Switch's outputs: one per button, then its fallback output, which a timeout reaches. */
export const BRANCHES = [...BUTTONS.map((button) => button.id), 'noTap'];

/** A Switch rule on `{{ $json.reply.id }}`, as the n8n editor saves it. */
function rule(buttonId: string, index: number) {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: `rule-${index}`,
					leftValue: '={{ $json.reply.id }}',
					rightValue: buttonId,
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		renameOutput: true,
		outputKey: buttonId,
	};
}

/**
 * Webhook (POST {phone, name}, answered at once) -> Ask (Send and Wait) -> Which button? ->
 * one HTTP Request per branch, posting {source, branch, execution, name, item} to the recorder.
 * `askNodeId` must be a lowercase UUID, as n8n gives every node.
 */
export function askWorkflow(options: {
	id: string;
	path: string;
	askNodeId: string;
	recorderUrl: string;
	limitWaitTime?: Record<string, unknown>;
}) {
	const forward = (branch: string, index: number) => ({
		id: `${options.id}-forward-${branch}`,
		name: `Forward ${branch}`,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [960, index * 160],
		parameters: {
			method: 'POST',
			url: options.recorderUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ source: ${JSON.stringify(options.id)}, branch: ${JSON.stringify(branch)}, execution: $execution.id, name: $('Webhook').first().json.body.name, item: $json }) }}`,
			options: {},
		},
	});
	return workflow(
		options.id,
		`E2E send and wait ${options.path}`,
		[
			{
				id: `${options.id}-webhook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${options.id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: options.path,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: options.askNodeId,
				name: 'Ask',
				type: `${PKG}.insiderWhatsApp`,
				typeVersion: 1,
				position: [240, 0],
				webhookId: `${options.id}-ask`,
				credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
				parameters: {
					resource: 'message',
					operation: 'sendAndWait',
					phoneNumber: '={{ $json.body.phone }}',
					headerType: 'none',
					bodyText: '=Hi {{ $json.body.name }}, shall we deliver tomorrow?',
					buttons: { button: BUTTONS },
					options: options.limitWaitTime
						? { limitWaitTime: { values: options.limitWaitTime } }
						: {},
				},
			},
			{
				id: `${options.id}-switch`,
				name: 'Which button?',
				type: 'n8n-nodes-base.switch',
				typeVersion: 3.2,
				position: [480, 0],
				parameters: {
					rules: { values: BUTTONS.map((button, index) => rule(button.id, index)) },
					looseTypeValidation: true,
					options: { fallbackOutput: 'extra', renameFallbackOutput: 'No tap' },
				},
			},
			...BRANCHES.map(forward),
		],
		{
			Webhook: { main: [[{ node: 'Ask', type: 'main', index: 0 }]] },
			Ask: { main: [[{ node: 'Which button?', type: 'main', index: 0 }]] },
			'Which button?': {
				main: BRANCHES.map((branch) => [{ node: `Forward ${branch}`, type: 'main', index: 0 }]),
			},
		},
	);
}

/**
 * Webhook (POST {approvers: [{phone, name}]}, answered at once) -> Split Out -> Loop Over Items
 * (one at a time) -> Ask (Send and Wait) -> Record (posts {source, execution, item} to the
 * recorder) -> back to the loop: the same Send and Wait node asks each approver in turn, in its
 * own run of one execution.
 */
export function approversWorkflow(options: { id: string; askNodeId: string; recorderUrl: string }) {
	const node = (name: string, type: string, typeVersion: number, x: number, extra: object) => ({
		id: `${options.id}-${x}`,
		name,
		type,
		typeVersion,
		position: [x * 240, 0],
		...extra,
	});
	const to = (name: string, index = 0) => ({ node: name, type: 'main', index });
	return workflow(
		options.id,
		'E2E approvers one by one',
		[
			node('Webhook', 'n8n-nodes-base.webhook', 2, 0, {
				webhookId: `${options.id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: 'approvers',
					responseMode: 'onReceived',
					options: {},
				},
			}),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, 1, {
				parameters: { fieldToSplitOut: 'body.approvers', options: {} },
			}),
			node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, 2, {
				parameters: { batchSize: 1, options: {} },
			}),
			{
				...node('Ask', `${PKG}.insiderWhatsApp`, 1, 3, {
					webhookId: `${options.id}-ask`,
					credentials: { insiderWhatsAppApi: INSIDER_CREDENTIAL },
					parameters: {
						resource: 'message',
						operation: 'sendAndWait',
						phoneNumber: '={{ $json.phone }}',
						headerType: 'none',
						bodyText: '=Hi {{ $json.name }}, do you approve {{ $json.request }}?',
						buttons: { button: BUTTONS },
						options: {},
					},
				}),
				id: options.askNodeId,
			},
			node('Record', 'n8n-nodes-base.httpRequest', 4.2, 4, {
				parameters: {
					method: 'POST',
					url: options.recorderUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ source: ${JSON.stringify(options.id)}, execution: $execution.id, item: $json }) }}`,
					options: {},
				},
			}),
		],
		{
			Webhook: { main: [[to('Split Out')]] },
			'Split Out': { main: [[to('Loop Over Items')]] },
			'Loop Over Items': { main: [[], [to('Ask')]] },
			Ask: { main: [[to('Record')]] },
			Record: { main: [[to('Loop Over Items')]] },
		},
	);
}
