/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The package as a user gets it: the `npm pack` tarball installed into a fresh n8n 2.41.1 user
 * folder with the README's Manual install command (offline: nothing from the registry), then
 * n8n started. The editor's calls must return both nodes and both credentials, and a workflow
 * with every resource and operation of the action node plus the trigger must import and save
 * with none of the issues the editor marks on a node (unknown type, parameter, credential).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeParameters,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { DEMO_OWNER } from '../../dev/n8n/demo';
import { cacheRoot, ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import type { ManualInstall } from '../../dev/release/manualInstall';
import { installAsTheReadmeSays } from '../../dev/release/manualInstall';
import { PACKAGE_ROOT, packTarball } from '../../dev/release/tarball';
import { EXACT_MESSAGES } from '../support/messageExamples';
import { RestSession } from './harness/restSession';

const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
const ACTION = `${pkg.name}.insiderWhatsApp`;
const TRIGGER = `${pkg.name}.insiderWhatsAppTrigger`;

const BUTTONS = {
	button: [
		{ id: 'yes', title: 'Yes please' },
		{ id: 'no', title: 'No thanks' },
	],
};

/** Fields of each resource/operation, as a person fills them in; one example per operation. */
const OPERATION_FIELDS: Record<string, IDataObject> = {
	'event/parse': { events: ['delivered', 'read', 'reply'], bodyField: 'body', options: {} },
	'message/sendQuickReply': {
		headerType: 'text',
		headerText: 'Your order has shipped',
		bodyText: 'Would you like delivery updates on WhatsApp?',
		footerText: 'Reply STOP to opt out',
		buttons: BUTTONS,
	},
	'message/sendAndWait': {
		headerType: 'none',
		bodyText: 'Shall we deliver tomorrow?',
		buttons: BUTTONS,
	},
	'message/markAsRead': {
		messageId: '={{ $json.messageId }}',
		phoneNumberId: '={{ $json.phoneNumberId }}',
		showTypingIndicator: true,
		options: {},
	},
	'media/upload': { binaryPropertyName: 'data', options: {} },
	'media/getUrl': { mediaId: '={{ $json.media?.id }}', options: {} },
	'media/download': {
		mediaId: '={{ $json.media?.id }}',
		binaryPropertyName: 'voiceNote',
		options: { fileName: 'voice.ogg', maxFileSizeMb: 16 },
	},
};
for (const [operation, fields] of EXACT_MESSAGES)
	OPERATION_FIELDS[`message/${operation}`] ??= fields;

type Credentials = Record<string, { id: string; name: string }>;

function actionNode(key: string, index: number, credentials: Credentials): INode {
	const [resource, operation] = key.split('/');
	return {
		id: `action-${index}`,
		name: `Insider WhatsApp ${key}`,
		type: ACTION,
		typeVersion: 1,
		position: [240 * (index + 1), 0],
		// The editor gives every node with a webhook (Send and Wait's) an id of its own.
		webhookId: `tarball-install-${index}`,
		parameters: {
			resource,
			operation,
			...(resource === 'message' ? { phoneNumber: '+905321234567', options: {} } : {}),
			...OPERATION_FIELDS[key],
		} as INodeParameters,
		...(resource !== 'event'
			? { credentials: { insiderWhatsAppApi: credentials.insiderWhatsAppApi } }
			: {}),
	};
}

function everyOperationWorkflow(operations: string[], credentials: Credentials) {
	const manual: INode = {
		id: 'manual',
		name: 'Manual',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const trigger: INode = {
		id: 'trigger',
		name: 'Insider WhatsApp Trigger',
		type: TRIGGER,
		typeVersion: 1,
		position: [0, 300],
		webhookId: 'tarball-install-trigger',
		parameters: {
			events: ['delivered', 'read', 'reply'],
			authentication: 'bearerToken',
			options: {},
		},
		credentials: { insiderWhatsAppWebhookApi: credentials.insiderWhatsAppWebhookApi },
	};
	const actions = operations.map((key, index) => actionNode(key, index, credentials));
	const chain = [manual, ...actions];
	const connections: IDataObject = {};
	for (let i = 0; i < chain.length - 1; i++)
		connections[chain[i].name] = { main: [[{ node: chain[i + 1].name, type: 'main', index: 0 }]] };
	return {
		name: 'Every operation (tarball install)',
		nodes: [...chain, trigger],
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The operation n8n adds to every node with credentials; it is n8n's, not the package's. */
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Every `resource/operation` of the package that the served description offers. */
function operationsOf(description: INodeTypeDescription): string[] {
	const resources = description.properties.find((p) => p.name === 'resource')?.options ?? [];
	return resources.flatMap((resource) => {
		const value = (resource as { value: string }).value;
		const operation = description.properties.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource as string[] | undefined)?.includes(value),
		);
		return (operation?.options ?? [])
			.map((option) => `${value}/${(option as { value: string }).value}`)
			.filter((key) => !key.endsWith(`/${CUSTOM_API_CALL}`));
	});
}

/**
 * The issues the editor marks on a node, as it computes them: its type unknown, its parameters
 * (filled with their defaults first, as the editor holds them), a required credential missing or
 * naming none the user has.
 */
function editorIssues(
	node: INode,
	descriptions: INodeTypeDescription[],
	credentialIds: Set<string>,
): string[] {
	const description = descriptions.find(
		(d) =>
			d.name === node.type &&
			(Array.isArray(d.version) ? d.version : [d.version]).includes(node.typeVersion),
	);
	if (!description) return [`unknown node type ${node.type} v${node.typeVersion}`];
	const parameters = NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	) as INodeParameters;
	const filled = { ...node, parameters };
	const issues: string[] = [];
	const parameterIssues = NodeHelpers.getNodeParametersIssues(
		description.properties,
		filled,
		description,
	);
	for (const [name, messages] of Object.entries(parameterIssues?.parameters ?? {}))
		issues.push(`${name}: ${messages.join(' ')}`);
	for (const credential of description.credentials ?? []) {
		if (
			!credential.required ||
			!NodeHelpers.displayParameter(parameters, credential, filled, description)
		)
			continue;
		const id = node.credentials?.[credential.name]?.id;
		if (!id || !credentialIds.has(id)) issues.push(`credential ${credential.name} not set`);
	}
	return issues;
}

describe('the npm pack tarball, installed as the README says, in n8n 2.41.1', () => {
	let workFolder: string;
	let n8n: N8nInstance;
	let session: RestSession;
	let installed: ManualInstall;

	beforeAll(async () => {
		const install = await ensureN8n(N8N_VERSIONS.v2);
		workFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tarball-install-'));
		const tarball = packTarball(workFolder);
		n8n = new N8nInstance(install, { owner: DEMO_OWNER, withBuiltPackage: false });
		installed = await installAsTheReadmeSays(n8n.userFolder, tarball.file, { offline: true });
		await n8n.start();
		session = await RestSession.asOwner(n8n, DEMO_OWNER);
	});

	afterAll(async () => {
		await n8n?.stop();
		if (workFolder) fs.rmSync(workFolder, { recursive: true, force: true });
	});

	test('npm installs the package alone, as n8n does: no peer n8n-workflow, no registry', () => {
		const modules = fs
			.readdirSync(path.join(installed.nodesFolder, 'node_modules'))
			.filter((name) => !name.startsWith('.'));
		expect(modules).toEqual([pkg.name]);
		const manifest = JSON.parse(
			fs.readFileSync(
				path.join(installed.nodesFolder, 'node_modules', pkg.name, 'package.json'),
				'utf8',
			),
		);
		expect(manifest.version).toBe(pkg.version);
	});

	test('the editor gets both nodes and both credentials', async () => {
		const nodes = await session.getFile<INodeTypeDescription[]>('/types/nodes.json');
		const credentials = await session.getFile<ICredentialType[]>('/types/credentials.json');
		const ours = new Set(
			nodes.map((n) => n.name).filter((name) => name.startsWith(`${pkg.name}.`)),
		);
		// n8n adds the action node's AI agent tool forms (usableAsTool; Send and Wait's human review).
		expect([...ours].sort()).toEqual([ACTION, `${ACTION}HitlTool`, `${ACTION}Tool`, TRIGGER]);
		expect(credentials.map((c) => c.name)).toEqual(
			expect.arrayContaining(['insiderWhatsAppApi', 'insiderWhatsAppWebhookApi']),
		);
	});

	test('a workflow with every operation and the trigger imports with no issue on any node', async () => {
		const descriptions = await session.getFile<INodeTypeDescription[]>('/types/nodes.json');
		const action = descriptions.find((d) => d.name === ACTION) as INodeTypeDescription;
		const operations = operationsOf(action);
		// A new operation needs an example here before this test can cover it.
		expect(operations.filter((key) => !OPERATION_FIELDS[key])).toEqual([]);

		const credentials: Credentials = {};
		for (const [type, data] of [
			['insiderWhatsAppApi', { apiKey: 'INS.tarball-install-key' }],
			['insiderWhatsAppWebhookApi', { token: 'tarball-install-token' }],
		] as Array<[string, IDataObject]>) {
			const saved = await session.request<{ id: string; name: string }>('POST', '/credentials', {
				name: `Tarball ${type}`,
				type,
				data,
			});
			credentials[type] = { id: saved.id, name: saved.name };
		}
		const workflow = everyOperationWorkflow(operations, credentials);

		const saved = await session.request<{ id: string }>('POST', '/workflows', workflow);
		const imported = await session.request<{ nodes: INode[] }>('GET', `/workflows/${saved.id}`);

		expect(imported.nodes.map((node) => node.type)).toEqual(workflow.nodes.map((n) => n.type));
		const credentialIds = new Set(Object.values(credentials).map((c) => c.id));
		const issues = Object.fromEntries(
			imported.nodes
				.map((node) => [node.name, editorIssues(node, descriptions, credentialIds)] as const)
				.filter(([, found]) => found.length > 0),
		);
		expect(issues).toEqual({});
	});

	test('n8n logs no warning or error about the package', () => {
		// The cached n8n's own path also contains the package name; only other mentions count.
		const lines = n8n
			.log()
			.split(cacheRoot())
			.join('<n8n cache>')
			.split('\n')
			.filter((line) => line.includes(pkg.name) && /warn|error|fail/i.test(line));
		expect(lines).toEqual([]);
	});
});
