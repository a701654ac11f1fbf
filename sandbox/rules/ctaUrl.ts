/** The action of a CTA URL message: one button that opens a URL (Meta's limit: label 20). */
import type { Checker, Json } from './checker';

const DISPLAY_TEXT_MAX = 20;

export function checkCtaUrlAction(c: Checker, path: string, action: Json) {
	if (action.name !== 'cta_url') c.fail(`${path}.name`, 'must be "cta_url"');
	const parameters = c.object(`${path}.parameters`, action.parameters);
	if (!parameters) return;
	c.text(`${path}.parameters.display_text`, parameters.display_text, DISPLAY_TEXT_MAX);
	c.httpsUrl(`${path}.parameters.url`, parameters.url);
}
