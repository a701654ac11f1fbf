/**
 * The action of a list message. Insider gives "maximum 10 rows"; the other limits are Meta's
 * (Insider passes Meta's object through): button 20, 1 to 10 sections, section title 24 and
 * required when there is more than one section, row id 200 and unique, title 24, description 72.
 */
import type { Checker, Json } from './checker';
import { isObject } from './checker';

const BUTTON_MAX = 20;
const SECTIONS_MAX = 10;
const SECTION_TITLE_MAX = 24;
const ROWS_MAX = 10;
const ROW_ID_MAX = 200;
const ROW_TITLE_MAX = 24;
const ROW_DESCRIPTION_MAX = 72;

export function checkListAction(c: Checker, path: string, action: Json) {
	c.text(`${path}.button`, action.button, BUTTON_MAX);
	const sections = c.array(`${path}.sections`, action.sections, 1, SECTIONS_MAX, 'sections');
	if (!sections) return;
	const ids = new Set<string>();
	let rowCount = 0;
	sections.forEach((section: unknown, index) => {
		const at = `${path}.sections[${index}]`;
		if (!isObject(section)) return c.fail(at, 'must be an object');
		c.text(`${at}.title`, section.title, SECTION_TITLE_MAX, sections.length > 1);
		const rows = c.array(`${at}.rows`, section.rows, 1, undefined, 'rows');
		if (!rows) return;
		rowCount += rows.length;
		rows.forEach((row: unknown, rowIndex) => {
			const rowAt = `${at}.rows[${rowIndex}]`;
			if (!isObject(row)) return c.fail(rowAt, 'must be an object');
			const id = c.text(`${rowAt}.id`, row.id, ROW_ID_MAX);
			if (id !== undefined) {
				if (ids.has(id)) c.fail(`${rowAt}.id`, 'must be unique within the message');
				ids.add(id);
			}
			c.text(`${rowAt}.title`, row.title, ROW_TITLE_MAX);
			c.text(`${rowAt}.description`, row.description, ROW_DESCRIPTION_MAX, false);
		});
	});
	if (rowCount > ROWS_MAX)
		c.fail(`${path}.sections`, `${rowCount} rows in all exceeds max ${ROWS_MAX}`);
}
