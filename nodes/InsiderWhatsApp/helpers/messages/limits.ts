import { QUICK_REPLY_LIMITS } from '../../constants';

/**
 * Every limit the message builders check and the descriptions state, from Insider's and Meta's
 * documentation as recorded in the project's reference. Lengths count Unicode code points.
 * Where neither publishes a limit (list section titles, row ids, location names, template
 * parameters), there is none here: the message is sent and Insider's validation answers.
 */
export const MESSAGE_LIMITS = {
	text: { body: 4096 },
	media: { caption: 1024 },
	/** Shared by every interactive message; the reply-button table is the single source. */
	interactive: {
		headerText: QUICK_REPLY_LIMITS.headerText,
		bodyText: QUICK_REPLY_LIMITS.bodyText,
		footerText: QUICK_REPLY_LIMITS.footerText,
	},
	list: { buttonText: 20, maxRows: 10, rowTitle: 24, rowDescription: 72 },
	ctaUrl: { buttonText: 20 },
	location: { latitude: 90, longitude: 180 },
} as const;
