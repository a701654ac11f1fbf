// The first run installs n8n into the cache (minutes); scenarios wait for real callbacks.
jest.setTimeout(900_000);
