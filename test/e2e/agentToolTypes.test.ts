/**
 * What the editor offers AI agents, read from a real n8n's `/types/nodes.json` on both lines:
 * the Insider WhatsApp tool has every operation of the node but Send and Wait (README, "Send
 * and Wait as a tool"). n8n 2.x also serves a Human-in-the-Loop version of any node with a
 * `sendAndWait` operation; it cannot be withdrawn without renaming the operation, so the node
 * refuses there before sending (test/node/sendAndWaitAsTool.test.ts).
 */
import { DEMO_OWNER } from '../../dev/n8n/demo';
import type { N8nVersionSpec } from '../../dev/n8n/n8nInstall';
import { ensureN8n, N8N_VERSIONS } from '../../dev/n8n/n8nInstall';
import { N8nInstance } from '../../dev/n8n/n8nInstance';
import { RestSession } from './harness/restSession';
import { PKG } from './harness/workflows';

type NodeTypeDescription = {
	name: string;
	properties: Array<{ name: string; default?: unknown; options?: Array<{ value?: unknown }> }>;
};

describe.each([
	['n8n 2.x', N8N_VERSIONS.v2, [`${PKG}.insiderWhatsAppHitlTool`]],
	['n8n 1.x', N8N_VERSIONS.v1, []],
] as Array<[string, N8nVersionSpec, string[]]>)(
	'%s: the node versions offered to AI agents',
	(_label, spec, hitlTypes) => {
		let n8n: N8nInstance;
		let types: NodeTypeDescription[];

		beforeAll(async () => {
			n8n = new N8nInstance(await ensureN8n(spec), { owner: DEMO_OWNER });
			await n8n.start();
			const session = await RestSession.asOwner(n8n, DEMO_OWNER);
			types = (await session.nodeTypes<NodeTypeDescription>()).filter((type) =>
				type.name.startsWith(`${PKG}.`),
			);
		});

		afterAll(async () => await n8n?.stop());

		const operations = (name: string) =>
			types
				.filter((type) => type.name === name)
				.flatMap((type) => type.properties.filter((property) => property.name === 'operation'))
				.flatMap((property) => (property.options ?? []).map((option) => option.value));

		test('the tool has every operation of the node but Send and Wait', () => {
			const ofNode = operations(`${PKG}.insiderWhatsApp`);
			const ofTool = operations(`${PKG}.insiderWhatsAppTool`);
			expect(ofNode).toContain('sendAndWait');
			expect(ofTool).toContain('sendQuickReply');
			expect(ofTool).toEqual(ofNode.filter((operation) => operation !== 'sendAndWait'));
		});

		test('a Human-in-the-Loop version is served only where n8n makes one (2.x)', () => {
			const served = types.map((type) => type.name).filter((name) => name.endsWith('HitlTool'));
			expect(served).toEqual(hitlTypes);
			for (const name of hitlTypes) {
				const operation = types
					.find((type) => type.name === name)!
					.properties.find((property) => property.name === 'operation');
				expect(operation).toMatchObject({ type: 'hidden', default: 'sendAndWait' });
			}
		});
	},
);
