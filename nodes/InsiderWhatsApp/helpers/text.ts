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

/** A button id derived from its title: "Yes, please!" becomes "yes_please". */
export function slugify(title: string): string {
	return title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}
