/** Builders of Insider request bodies for tests: a valid quick reply, with parts overridden. */
export function quickReply(interactive: Record<string, unknown> = {}) {
	return {
		type: 'interactive',
		interactive: {
			type: 'button',
			body: { text: 'Would you like delivery updates?' },
			action: {
				buttons: [
					{ type: 'reply', reply: { id: 'yes', title: 'Yes please' } },
					{ type: 'reply', reply: { id: 'no', title: 'No thanks' } },
				],
			},
			...interactive,
		},
	};
}

export function buttons(...pairs: Array<[string, string]>) {
	return { buttons: pairs.map(([id, title]) => ({ type: 'reply', reply: { id, title } })) };
}

export function sendBody(
	message: unknown,
	phoneNumber = '+15550001111',
	extra: Record<string, unknown> = {},
) {
	return { ...extra, messages: [{ phoneNumber, message }] };
}
