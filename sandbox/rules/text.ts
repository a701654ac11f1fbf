/** Text and location messages. */
import type { Checker, Json } from './checker';

const TEXT_BODY_MAX = 4096;

export function checkTextMessage(c: Checker, path: string, message: Json) {
	const text = c.object(`${path}.text`, message.text);
	if (!text) return;
	c.text(`${path}.text.body`, text.body, TEXT_BODY_MAX);
	c.boolean(`${path}.text.preview_url`, text.preview_url);
}

/** Insider's sample sends coordinates as strings, Meta's as numbers: both are accepted. */
function coordinate(c: Checker, field: string, value: unknown, limit: number) {
	if (value === undefined) return c.fail(field, 'required');
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	if (!Number.isFinite(number)) return c.fail(field, 'must be a number');
	if (number < -limit || number > limit) c.fail(field, `${number} is outside -${limit}..${limit}`);
}

export function checkLocation(c: Checker, field: string, value: unknown) {
	const location = c.object(field, value);
	if (!location) return;
	coordinate(c, `${field}.latitude`, location.latitude, 90);
	coordinate(c, `${field}.longitude`, location.longitude, 180);
	c.text(`${field}.name`, location.name, undefined, false);
	c.text(`${field}.address`, location.address, undefined, false);
}

export function checkLocationMessage(c: Checker, path: string, message: Json) {
	checkLocation(c, `${path}.location`, message.location);
}
