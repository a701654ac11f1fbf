import { REPLY_BUTTON_LIMITS } from '../../../shared/replyButtons';
import { WAIT_REFERENCE_LIMITS } from '../../../shared/waitReferenceCodec';

/**
 * Every limit the message builders check and the descriptions state, from Insider's and Meta's
 * documentation as recorded in the project's reference (README "Limits"). Lengths count Unicode
 * code points. Where neither publishes a limit (list section titles, row ids, location names,
 * template parameters), there is none here: the message is sent and Insider's validation answers.
 * The reply-button rules live in nodes/shared because the trigger reads button ids back too.
 */
export const MESSAGE_LIMITS = {
	text: { body: 4096 },
	media: { caption: 1024 },
	/** Shared by every interactive message (quick reply, list, link button). */
	interactive: { headerText: 60, bodyText: 1024, footerText: 60 },
	quickReply: {
		buttonId: REPLY_BUTTON_LIMITS.id,
		buttonTitle: REPLY_BUTTON_LIMITS.title,
		minButtons: 1,
		maxButtons: 3,
	},
	/** Send and Wait's own ids carry a wait reference, which leaves less for the user's id. */
	sendAndWait: { buttonId: WAIT_REFERENCE_LIMITS.userButtonId },
	list: { buttonText: 20, maxRows: 10, rowTitle: 24, rowDescription: 72 },
	ctaUrl: { buttonText: 20 },
	location: { latitude: 90, longitude: 180 },
} as const;
