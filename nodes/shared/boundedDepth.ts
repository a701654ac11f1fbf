/**
 * JSON can be parsed at any depth, but n8n saves and passes items on with functions that recurse
 * (JSON.stringify and friends) and fail past a few thousand levels. An event's `raw` is the
 * payload's own object, so it is kept whole up to MAX_RAW_DEPTH levels and cut below: no
 * callback Insider sends comes near it (its deepest are 7 levels).
 */
export const MAX_RAW_DEPTH = 64;

export const CUT_MARK = `[nested deeper than ${MAX_RAW_DEPTH} levels: left out]`;

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
	typeof value === 'object' && value !== null;

/** Whether anything in `value` lies deeper than `maxDepth` levels; walks without recursion. */
function exceedsDepth(value: unknown, maxDepth: number): boolean {
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop() as [unknown, number];
		if (!isContainer(current)) continue;
		if (depth >= maxDepth) return true;
		for (const child of Object.values(current)) {
			if (isContainer(child)) stack.push([child, depth + 1]);
		}
	}
	return false;
}

/** A copy of `value` down to `depth` levels left, each container below replaced by CUT_MARK. */
function cut(value: unknown, depth: number): unknown {
	// Recursion is bounded here: at most MAX_RAW_DEPTH levels.
	if (!isContainer(value)) return value;
	if (depth === 0) return CUT_MARK;
	if (Array.isArray(value)) return value.map((child) => cut(child, depth - 1));
	const copy: Record<string, unknown> = {};
	for (const [key, child] of Object.entries(value)) {
		Object.defineProperty(copy, key, {
			value: cut(child, depth - 1),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return copy;
}

/** `value` itself when it is at most MAX_RAW_DEPTH levels deep, else a copy cut at that depth. */
export function boundedDepth(value: unknown): unknown {
	return exceedsDepth(value, MAX_RAW_DEPTH) ? cut(value, MAX_RAW_DEPTH) : value;
}
