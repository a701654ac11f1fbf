/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, never inside n8n, and is not published */
// `npm run bench`: see scripts/bench/main.ts for the sections and scripts/bench/options.ts for the options.
import { main } from './bench/main';

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
