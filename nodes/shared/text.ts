/** Length as the user sees it: emoji and other astral characters count once, not twice. */
export function codePointLength(value: string): number {
	let length = 0;
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	for (const _ of value) length++;
	return length;
}

const EMOJI = /\p{Extended_Pictographic}/u;

export function containsEmoji(value: string): boolean {
	return EMOJI.test(value);
}

// WhatsApp formatting: *bold*, _italic_, ~strike~ and ```monospace```.
const MARKDOWN = /([*_~])[^\s*_~][^*_~]*\1|```/;

export function containsMarkdown(value: string): boolean {
	return MARKDOWN.test(value);
}

/** The first `limit` code points of `value`, without reading further into it. */
export function firstCodePoints(value: string, limit: number): string {
	let taken = 0;
	let end = 0;
	for (const character of value) {
		if (taken === limit) break;
		taken++;
		end += character.length;
	}
	return value.slice(0, end);
}

/**
 * A button id derived from its title: "Yes, please!" becomes "yes_please". Only the first
 * `titleLimit` code points are read (the title's own limit), so a damaged title costs nothing.
 */
export function slugify(title: string, titleLimit: number): string {
	return firstCodePoints(title, titleLimit)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}
