/**
 * The Media resource's engine tests' world: one sandbox over loopback (no rate limit), reset
 * before each test, and a run of the node's Media operations against it.
 */
import type { InsiderSandbox } from '../../sandbox/server';
import { runInsiderWhatsApp } from '../support/engine';
import { startTestSandbox, TEST_KEY } from '../support/sandbox';
import type { binaryOf } from './binaryItems';

export interface MediaRunExtra {
	binaries?: ReturnType<typeof binaryOf>[];
	continueOnFail?: boolean;
	/** Another "Insider" than the sandbox. */
	baseUrl?: string;
}

/** Registers the sandbox's lifecycle with jest; call at the top of a test file. */
export function mediaWorld() {
	let started: InsiderSandbox | undefined;
	beforeAll(async () => (started = await startTestSandbox({ rateLimitPerSecond: 0 })));
	afterAll(async () => await started?.stop());
	const world = {
		get sandbox(): InsiderSandbox {
			if (!started) throw new Error('the sandbox is started in beforeAll');
			return started;
		},
		/** Runs Media > `operation` on `items` with the node's `fields`. */
		media: async (
			operation: string,
			items: object[],
			fields: Record<string, unknown> = {},
			extra: MediaRunExtra = {},
		) =>
			await runInsiderWhatsApp({
				parameters: { resource: 'media', operation, ...fields },
				items: items as never,
				binaries: extra.binaries,
				credentials: { apiKey: TEST_KEY, baseUrl: extra.baseUrl ?? world.sandbox.url },
				continueOnFail: extra.continueOnFail,
			}),
	};
	beforeEach(() => {
		world.sandbox.reset();
		world.sandbox.configure({ mediaHost: undefined, chunkedDownloads: false });
	});
	return world;
}
