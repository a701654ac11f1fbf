// Two projects: `unit` (no n8n server: pure code, the sandbox, the nodes in n8n-core's engine)
// and `e2e` (a real n8n with the built package). `npm run test:unit` is the fast loop.
const tsJest = ['ts-jest', { diagnostics: false }];

module.exports = {
	// Jest's default on 2 cores is one worker, but the unit project mostly waits on loopback HTTP
	// and timers: three workers take it from about 100 s to about 40 s here. The e2e project runs
	// in band (--runInBand) whatever this says.
	maxWorkers: 3,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: { '^.+\\.ts$': tsJest },
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// The first run installs n8n into the cache; scenarios wait for real callbacks.
			setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'],
		},
	],
};
