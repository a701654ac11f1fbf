/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published. */
/** The workflows in examples/, loaded as they are, with their n8n address adjusted. */
import fs from 'fs';
import path from 'path';

const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');
/** The address and token written into the examples (see examples/README.md). */
export const EXAMPLE_BASE_URL = 'http://localhost:5678';
export const EXAMPLE_TOKEN = 'change-me-to-a-long-random-token';

export interface ExampleWorkflow {
	file: string;
	workflow: { id: string; name: string; nodes: Array<{ type: string; name: string }> };
	/** Whether it has a trigger that must listen (and so must be activated). */
	hasTrigger: boolean;
	/** Whether it needs a model provider (an OpenAI credential) to run. */
	needsModel: boolean;
}

/** n8n's OpenAI Chat Model node: the examples that use it need a model key. */
const OPENAI_CHAT_MODEL = '@n8n/n8n-nodes-langchain.lmChatOpenAi';

export function exampleWorkflows(n8nUrl = EXAMPLE_BASE_URL): ExampleWorkflow[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const text = fs
				.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')
				.split(EXAMPLE_BASE_URL)
				.join(n8nUrl.replace(/\/$/, ''));
			const workflow = JSON.parse(text);
			const types: string[] = workflow.nodes.map((node: { type: string }) => node.type);
			const hasTrigger = types.some((type) => type.endsWith('insiderWhatsAppTrigger'));
			const needsModel = types.includes(OPENAI_CHAT_MODEL);
			return { file, workflow, hasTrigger, needsModel };
		});
}
