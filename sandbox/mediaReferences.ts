/**
 * Media a send request names by id: a media message's object, an interactive message's media
 * header, and media parameters of a template (carousel cards included). With
 * `requireKnownMediaIds`, an id the sandbox never issued is refused the way Meta refuses it.
 */
import type { Json, ValidationProblem } from './rules/checker';
import { isObject } from './rules/checker';
import { MEDIA_TYPES } from './rules/media';

const isMediaType = (type: unknown): type is string =>
	typeof type === 'string' && (MEDIA_TYPES as readonly string[]).includes(type);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A `{type, <type>: {id}}` object (a message, a header, a parameter): its id and path. */
type MediaIdAt = { id: string; field: string };

function mediaIdOf(holder: unknown, path: string): MediaIdAt[] {
	if (!isObject(holder) || !isMediaType(holder.type)) return [];
	const media = holder[holder.type];
	return isObject(media) && typeof media.id === 'string'
		? [{ id: media.id, field: `${path}.${holder.type}.id` }]
		: [];
}

/** Media parameters of template components; a carousel's cards hold components of their own. */
function componentParameters(components: unknown, path: string): MediaIdAt[] {
	return asArray(components).flatMap((component, c) =>
		isObject(component)
			? asArray(component.parameters).flatMap((parameter, p) =>
					mediaIdOf(parameter, `${path}[${c}].parameters[${p}]`),
				)
			: [],
	);
}

function templateMediaIds(components: unknown, path: string): MediaIdAt[] {
	const cards = asArray(components).flatMap((component, c) =>
		isObject(component)
			? asArray(component.cards).flatMap((card, k) =>
					isObject(card)
						? componentParameters(card.components, `${path}[${c}].cards[${k}].components`)
						: [],
				)
			: [],
	);
	return [...componentParameters(components, path), ...cards];
}

function mediaIdsOfMessage(message: Json, path: string) {
	const interactive = isObject(message.interactive) ? message.interactive : {};
	const template = isObject(message.template) ? message.template : {};
	return [
		...mediaIdOf(message, path),
		...mediaIdOf(interactive.header, `${path}.interactive.header`),
		...templateMediaIds(template.components, `${path}.template.components`),
	];
}

/** One problem per media id in the request that `known` does not know. */
export function unknownMediaIdProblems(
	body: unknown,
	known: (id: string) => boolean,
): ValidationProblem[] {
	const entries = isObject(body) ? asArray(body.messages) : [];
	return entries.flatMap((entry, index) => {
		if (!isObject(entry) || !isObject(entry.message)) return [];
		return mediaIdsOfMessage(entry.message, `messages[${index}].message`)
			.filter(({ id }) => !known(id))
			.map(({ id, field }) => ({
				field,
				problem: `unknown media id ${JSON.stringify(id)}: upload the file first (POST /v1/media/upload) and send the id it returns`,
			}));
	});
}
