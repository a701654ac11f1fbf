import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The oldest n8n whose waiting webhooks can check what Send and Wait signs: 1.107 added signed
 * resume URLs and the opt-in check; 2.14 made the check automatic (README, "Compatibility").
 */
export const SEND_AND_WAIT_MINIMUM_N8N = '1.107.0';

type SigningContext = Pick<IExecuteFunctions, 'getExecutionId' | 'getNode' | 'getSignedResumeUrl'>;

/**
 * Send and Wait is safe only where n8n signs the resume URL and checks the signature before
 * resuming: otherwise anyone who saw one button could resume any execution with any answer.
 * n8n 1.107 to 2.13 check only when the node asks (setSignatureValidationRequired); 2.14 and
 * later check every execution that carries a resume token, which `$execution.resumeUrl` shows.
 * On an n8n that does neither, the node refuses before anything is sent.
 */
export function requireSignedResumes(context: IExecuteFunctions): SigningContext {
	const refuse = (missing: string) =>
		new NodeOperationError(
			context.getNode(),
			`Send Quick Reply and Wait for Tap needs n8n ${SEND_AND_WAIT_MINIMUM_N8N} or later: this n8n has no ${missing}`,
			{
				description:
					'Without it a tap could not be told from a forged request. Update n8n, or use Send Quick Reply and the Insider WhatsApp Trigger instead. Nothing was sent.',
			},
		);
	if (typeof context.getSignedResumeUrl !== 'function') throw refuse('signed resume URLs');
	if (typeof context.setSignatureValidationRequired === 'function') {
		context.setSignatureValidationRequired();
	} else if (!carriesResumeToken(context)) {
		throw refuse('signature check on its waiting webhooks');
	}
	return context as SigningContext;
}

/** n8n 2.14+ checks a waiting execution's signature when it has a resume token, as here. */
function carriesResumeToken(context: IExecuteFunctions): boolean {
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	return /[?&]signature=/.test(resumeUrl);
}
