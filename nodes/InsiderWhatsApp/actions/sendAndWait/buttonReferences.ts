import type { IExecuteFunctions } from 'n8n-workflow';

import { buildSignedWaitReference, resumeUrlParameters } from '../../../shared/waitReference';
import type { QuickReplyMessage } from '../../helpers/messages/quickReply';

/** What of the execute context a reference needs. */
type ReferenceContext = Pick<
	IExecuteFunctions,
	'getExecutionId' | 'getNode' | 'getSignedResumeUrl'
>;

/** Who this wait asks, and in which run of the node: both are signed into every button. */
export interface WaitTarget {
	phoneNumber: string;
	run: string;
}

/**
 * The message with each button's id replaced by a reference to this wait, built from n8n's own
 * signed resume URL for this node, recipient and run, and carrying the user's id, so the
 * trigger can resume exactly this wait with exactly this answer, and only for this recipient.
 * Throws WaitReferenceError naming the button when an id cannot travel in a reference.
 */
export function withWaitReferences(
	message: QuickReplyMessage,
	context: ReferenceContext,
	target: WaitTarget,
): QuickReplyMessage {
	const executionId = context.getExecutionId();
	const nodeId = context.getNode().id;
	const buttons = message.interactive.action.buttons.map((button, index) => {
		const userButtonId = button.reply.id;
		const id = buildSignedWaitReference({
			signedResumeUrl: context.getSignedResumeUrl(
				resumeUrlParameters(userButtonId, target.phoneNumber, target.run),
			),
			executionId,
			nodeId,
			run: target.run,
			phoneNumber: target.phoneNumber,
			userButtonId,
			field: `Button ${index + 1} ID`,
		});
		return { ...button, reply: { ...button.reply, id } };
	});
	return { ...message, interactive: { ...message.interactive, action: { buttons } } };
}
