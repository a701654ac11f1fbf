/**
 * Template messages: name, language and the components that fill the approved template's
 * variables. Insider documents header, body and button components (button sub_type
 * quick_reply, url, phone_number, also copy_code and flow) and carousel cards built of the same.
 * The template's own text lives in InOne, so only the shape of what fills it can be checked.
 */
import type { Checker, Json } from './checker';
import { isObject } from './checker';
import { checkMediaObject } from './media';
import { checkLocation } from './text';

/** Parameter types, and what each one holds under its type's name. */
const PARAMETERS: Record<string, (c: Checker, field: string, parameter: Json) => void> = {
	// A URL button's text parameter may be a `cta_link` suffix instead of `text` (Insider v2).
	text: (c, field, p) =>
		p.cta_link !== undefined
			? c.text(`${field}.cta_link`, p.cta_link)
			: c.text(`${field}.text`, p.text),
	payload: (c, field, p) => c.text(`${field}.payload`, p.payload),
	coupon_code: (c, field, p) => c.text(`${field}.coupon_code`, p.coupon_code),
	image: (c, field, p) => checkMediaObject(c, `${field}.image`, p.image, 'image'),
	video: (c, field, p) => checkMediaObject(c, `${field}.video`, p.video, 'video'),
	document: (c, field, p) => checkMediaObject(c, `${field}.document`, p.document, 'document'),
	location: (c, field, p) => checkLocation(c, `${field}.location`, p.location),
	currency: (c, field, p) => c.object(`${field}.currency`, p.currency),
	date_time: (c, field, p) => c.object(`${field}.date_time`, p.date_time),
	action: (c, field, p) => c.object(`${field}.action`, p.action),
	limited_time_offer: (c, field, p) =>
		c.object(`${field}.limited_time_offer`, p.limited_time_offer),
};

/** Which parameter types each component (or button sub_type) takes. */
const COMPONENT_PARAMETERS: Record<string, readonly string[]> = {
	header: ['text', 'image', 'video', 'document', 'location'],
	body: ['text', 'currency', 'date_time'],
	limited_time_offer: ['limited_time_offer'],
	quick_reply: ['payload', 'text'],
	url: ['text'],
	copy_code: ['coupon_code'],
	flow: ['action'],
	phone_number: [],
};
const BUTTON_SUB_TYPES = ['quick_reply', 'url', 'phone_number', 'copy_code', 'flow'];
const COMPONENT_TYPES = ['header', 'body', 'button', 'carousel', 'limited_time_offer'];

function checkParameters(c: Checker, at: string, value: unknown, allowed: readonly string[]) {
	// A phone-number button has nothing to fill; every other component exists for its parameters.
	const parameters = allowed.length ? c.array(`${at}.parameters`, value, 1) : undefined;
	parameters?.forEach((parameter: unknown, index) => {
		const field = `${at}.parameters[${index}]`;
		if (!isObject(parameter)) return c.fail(field, 'must be an object');
		if (c.oneOf(`${field}.type`, parameter.type, allowed))
			PARAMETERS[parameter.type as string](c, field, parameter);
	});
}

/** Insider's docs spell index as a string ("0"); a number is accepted too. */
function checkIndex(c: Checker, field: string, value: unknown) {
	const text = typeof value === 'number' ? String(value) : value;
	if (value === undefined) c.fail(field, 'required');
	else if (typeof text !== 'string' || !/^\d+$/.test(text))
		c.fail(field, 'must be a whole number of 0 or more');
}

function checkComponents(c: Checker, at: string, value: unknown, types: readonly string[]) {
	const components = c.array(at, value, 1, undefined, 'components');
	components?.forEach((component: unknown, index) => {
		const field = `${at}[${index}]`;
		if (!isObject(component)) return c.fail(field, 'must be an object');
		if (!c.oneOf(`${field}.type`, component.type, types)) return;
		if (component.type === 'carousel') return checkCarousel(c, field, component);
		if (component.type !== 'button')
			return checkParameters(
				c,
				field,
				component.parameters,
				COMPONENT_PARAMETERS[component.type as string],
			);
		// Insider's table spells sub_type "Quick_reply, URL, PHONE_NUMBER"; its samples lower case.
		const subType =
			typeof component.sub_type === 'string'
				? component.sub_type.toLowerCase()
				: component.sub_type;
		checkIndex(c, `${field}.index`, component.index);
		if (c.oneOf(`${field}.sub_type`, subType, BUTTON_SUB_TYPES))
			checkParameters(c, field, component.parameters, COMPONENT_PARAMETERS[subType as string]);
	});
}

function checkCarousel(c: Checker, at: string, carousel: Json) {
	const cards = c.array(`${at}.cards`, carousel.cards, 1, undefined, 'cards');
	cards?.forEach((card: unknown, index) => {
		const field = `${at}.cards[${index}]`;
		if (!isObject(card)) return c.fail(field, 'must be an object');
		checkIndex(c, `${field}.card_index`, card.card_index);
		checkComponents(c, `${field}.components`, card.components, ['header', 'body', 'button']);
	});
}

export function checkTemplateMessage(c: Checker, path: string, message: Json) {
	const at = `${path}.template`;
	const template = c.object(at, message.template);
	if (!template) return;
	c.text(`${at}.name`, template.name);
	const language = c.object(`${at}.language`, template.language);
	if (language) {
		c.text(`${at}.language.code`, language.code);
		if (language.policy !== undefined)
			c.oneOf(`${at}.language.policy`, language.policy, ['deterministic', 'fallback']);
	}
	if (template.components !== undefined)
		checkComponents(c, `${at}.components`, template.components, COMPONENT_TYPES);
}
