import type { IDataObject } from 'n8n-workflow';

import { checkLength, checkNoMarkdown, requireText } from '../fieldChecks';
import { slugify } from '../../../shared/text';
import { MESSAGE_LIMITS } from './limits';
import type { FieldReader } from './messageInput';
import { MessageInputError } from './messageInput';

const LIMITS = MESSAGE_LIMITS.list;
const INTERACTIVE = MESSAGE_LIMITS.interactive;

export interface ListRowInput {
	id?: string;
	title?: string;
	description?: string;
}

export interface ListSectionInput {
	title?: string;
	rows?: { row?: ListRowInput[] };
}

export interface ListInput {
	headerText?: string;
	bodyText: string;
	footerText?: string;
	buttonText: string;
	sections: ListSectionInput[];
}

interface ListRow {
	id: string;
	title: string;
	description?: string;
}

interface ListSection {
	title?: string;
	rows: ListRow[];
}

/** Insider's `message` object for a list message (Meta's interactive list). */
export interface ListMessage {
	type: 'interactive';
	interactive: {
		type: 'list';
		header?: { type: 'text'; text: string };
		body: { text: string };
		footer?: { text: string };
		action: { button: string; sections: ListSection[] };
	};
}

/** Checks every row and gives empty ids one derived from the title; ids are unique in the list. */
function buildSections(sections: ListSectionInput[]): ListSection[] {
	const rowCount = sections.reduce((sum, section) => sum + (section.rows?.row?.length ?? 0), 0);
	if (rowCount < 1 || rowCount > LIMITS.maxRows) {
		throw new MessageInputError(
			'Sections',
			`${rowCount} rows given in all; a list needs 1 to ${LIMITS.maxRows}`,
		);
	}
	const seenIds = new Map<string, string>();
	let rowNumber = 0;
	return sections.map((section, sectionIndex) => {
		const at = `Section ${sectionIndex + 1}`;
		const rowsIn = section.rows?.row ?? [];
		if (rowsIn.length === 0) {
			throw new MessageInputError(`${at} Rows`, 'has no rows; every section needs at least one');
		}
		const rows = rowsIn.map((row, rowIndex) => {
			rowNumber++;
			const rowAt = `${at} Row ${rowIndex + 1}`;
			const title = requireText(`${rowAt} Title`, row.title);
			checkLength(`${rowAt} Title`, title, LIMITS.rowTitle);
			const description = row.description ?? '';
			checkLength(`${rowAt} Description`, description, LIMITS.rowDescription);
			const id =
				row.id === undefined || row.id.trim() === ''
					? slugify(title, LIMITS.rowTitle) || `row_${rowNumber}`
					: row.id;
			if (seenIds.has(id)) {
				throw new MessageInputError(
					`${rowAt} ID`,
					`"${id}" is already the ID of ${seenIds.get(id)}; row IDs must be unique in the list (an empty ID is derived from the title)`,
				);
			}
			seenIds.set(id, rowAt);
			return { id, title, ...(description.trim() !== '' ? { description } : {}) };
		});
		const title = (section.title ?? '').trim();
		return { ...(title !== '' ? { title } : {}), rows };
	});
}

export function readListInput(read: FieldReader): ListInput {
	const text = (name: string) => String(read(name, ''));
	return {
		headerText: text('headerText'),
		bodyText: text('bodyText'),
		footerText: text('footerText'),
		buttonText: text('buttonText'),
		sections: read<ListSectionInput[]>('sections.section', []),
	};
}

export function listFromInput(input: ListInput): ListMessage {
	const headerText = input.headerText ?? '';
	checkLength('Header Text', headerText, INTERACTIVE.headerText);
	checkNoMarkdown('Header Text', headerText);
	const bodyText = requireText('Body Text', input.bodyText);
	checkLength('Body Text', bodyText, INTERACTIVE.bodyText);
	const footerText = input.footerText ?? '';
	checkLength('Footer Text', footerText, INTERACTIVE.footerText);
	const buttonText = requireText('Button Text', input.buttonText);
	checkLength('Button Text', buttonText, LIMITS.buttonText);
	const sections = buildSections(input.sections ?? []);

	return {
		type: 'interactive',
		interactive: {
			type: 'list',
			...(headerText.trim() !== '' ? { header: { type: 'text' as const, text: headerText } } : {}),
			body: { text: bodyText },
			...(footerText.trim() !== '' ? { footer: { text: footerText } } : {}),
			action: { button: buttonText, sections },
		},
	};
}

/** Send List's message builder. */
export function buildListMessage(read: FieldReader): IDataObject {
	return listFromInput(readListInput(read)) as unknown as IDataObject;
}
