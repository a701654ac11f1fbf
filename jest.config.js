// Two projects: `unit` (no n8n server: pure code, the sandbox, the nodes in n8n-core's engine)
// and `e2e` (a real n8n with the built package). `npm run test:unit` is the fast loop.
const tsJest = ['ts-jest', { diagnostics: false }];

module.exports = {
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
