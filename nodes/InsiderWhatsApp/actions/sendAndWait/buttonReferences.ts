import type { IExecuteFunctions } from 'n8n-workflow';

import {
	buildSignedWaitReference,
	buildUnsignedWaitReference,
	resumeUrlParameters,
} from '../../../shared/waitReference';
import type { QuickReplyMessage } from '../../helpers/messages/quickReply';

/** What of the execute context a reference needs; n8n versions differ in the optional parts. */
type ResumeContext = Pick<IExecuteFunctions, 'getExecutionId' | 'getNode'> &
	Partial<Pick<IExecuteFunctions, 'getSignedResumeUrl' | 'setSignatureValidationRequired'>>;

/**
 * n8n 1.x checks a waiting webhook's signature only when the node asked for it; n8n 2.x always
 * checks it for a Send and Wait node and no longer has the method.
 */
export function requireResumeSignature(context: ResumeContext): void {
	if (typeof context.setSignatureValidationRequired === 'function') {
		context.setSignatureValidationRequired();
	}
}

/**
 * The message with each button's id replaced by a reference to this waiting execution, built
 * from n8n's own signed resume URL for this node and carrying the user's id, so the trigger can
 * resume exactly this execution with exactly this answer. Throws WaitReferenceError naming the
 * button when an id cannot travel in a reference.
 */
export function withWaitReferences(
	message: QuickReplyMessage,
	context: ResumeContext,
): QuickReplyMessage {
	const executionId = context.getExecutionId();
	const nodeId = context.getNode().id;
	const buttons = message.interactive.action.buttons.map((button, index) => {
		const userButtonId = button.reply.id;
		const field = `Button ${index + 1} ID`;
		const id =
			typeof context.getSignedResumeUrl === 'function'
				? buildSignedWaitReference({
						signedResumeUrl: context.getSignedResumeUrl(resumeUrlParameters(userButtonId)),
						executionId,
						nodeId,
						userButtonId,
						field,
					})
				: buildUnsignedWaitReference({ executionId, nodeId, userButtonId, field });
		return { ...button, reply: { ...button.reply, id } };
	});
	return { ...message, interactive: { ...message.interactive, action: { buttons } } };
}
