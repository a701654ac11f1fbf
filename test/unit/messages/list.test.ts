import { buildListMessage } from '../../../nodes/InsiderWhatsApp/helpers/messages/list';
import type { Params } from './builderHarness';
import {
	build,
	describeLengthLimits,
	describeRequired,
	expectMessage,
	refusal,
} from './builderHarness';

type Row = { id?: string; title?: string; description?: string };
const section = (title: string, ...row: Row[]) => ({ title, rows: { row } });
const rows = (count: number, prefix = 'r') =>
	Array.from({ length: count }, (_, index) => ({
		id: `${prefix}${index + 1}`,
		title: `Row ${index + 1}`,
	}));

/** A valid list with one section; `override` replaces top-level fields. */
const list = (override: Params = {}): Params => ({
	bodyText: 'Which store?',
	buttonText: 'Choose',
	sections: { section: [section('', { title: 'Kadikoy' })] },
	...override,
});
const withRow = (row: Row) => list({ sections: { section: [section('S', row)] } });

describe('Send List message', () => {
	it('builds the full list object in Meta key order', () => {
		const params = {
			headerText: 'Our stores 🏬',
			bodyText: 'Which *store* would you like to visit?',
			footerText: 'Open every day',
			buttonText: 'Choose a store',
			sections: {
				section: [
					section(
						'Istanbul',
						{ id: 'ist_kadikoy', title: 'Kadikoy', description: 'Open 9:00 to 21:00' },
						{ title: 'Moda Store' },
					),
					section(' Ankara ', { id: 'ank_1', title: 'Cankaya', description: ' ' }),
				],
			},
		};
		expectMessage(buildListMessage, params, {
			type: 'interactive',
			interactive: {
				type: 'list',
				header: { type: 'text', text: 'Our stores 🏬' },
				body: { text: 'Which *store* would you like to visit?' },
				footer: { text: 'Open every day' },
				action: {
					button: 'Choose a store',
					sections: [
						{
							title: 'Istanbul',
							rows: [
								{ id: 'ist_kadikoy', title: 'Kadikoy', description: 'Open 9:00 to 21:00' },
								{ id: 'moda_store', title: 'Moda Store' },
							],
						},
						{ title: 'Ankara', rows: [{ id: 'ank_1', title: 'Cankaya' }] },
					],
				},
			},
		});
	});

	it('leaves out an empty header, footer and section title', () => {
		expectMessage(buildListMessage, list({ headerText: ' ', footerText: '' }), {
			type: 'interactive',
			interactive: {
				type: 'list',
				body: { text: 'Which store?' },
				action: { button: 'Choose', sections: [{ rows: [{ id: 'kadikoy', title: 'Kadikoy' }] }] },
			},
		});
	});

	it('gives a row whose title has no letters or digits a numbered id', () => {
		const params = list({ sections: { section: [section('', ...rows(2), { title: '🍕' })] } });
		expectMessage(buildListMessage, params, {
			type: 'interactive',
			interactive: {
				type: 'list',
				body: { text: 'Which store?' },
				action: {
					button: 'Choose',
					sections: [{ rows: [...rows(2), { id: 'row_3', title: '🍕' }] }],
				},
			},
		});
	});

	it.each([
		['10 rows in one section', [section('A', ...rows(10))]],
		['10 rows across sections', [section('A', ...rows(4, 'a')), section('B', ...rows(6, 'b'))]],
	])('accepts %s', (_case, sections) => {
		const message = build(buildListMessage, list({ sections: { section: sections } }));
		const action = (message.interactive as { action: { sections: Array<{ rows: unknown[] }> } })
			.action;
		expect(action.sections.flatMap((s) => s.rows)).toHaveLength(10);
	});

	it.each([
		[
			'11 rows across sections',
			[section('A', ...rows(5, 'a')), section('B', ...rows(6, 'b'))],
			'Sections: 11 rows given in all; a list needs 1 to 10',
		],
		['no sections', [], 'Sections: 0 rows given in all; a list needs 1 to 10'],
		[
			'a section without rows',
			[section('A', ...rows(1)), { title: 'B' }],
			'Section 2 Rows: has no rows; every section needs at least one',
		],
		[
			'a row id used in an earlier section',
			[
				section('A', { id: 'same', title: 'One' }),
				section('B', { id: 'x', title: 'Two' }, { id: 'same', title: 'Three' }),
			],
			'Section 2 Row 2 ID: "same" is already the ID of Section 1 Row 1; row IDs must be unique in the list (an empty ID is derived from the title)',
		],
		[
			'two rows whose titles give the same id',
			[section('A', { title: 'Moda Store' }, { title: 'moda  store' })],
			'Section 1 Row 2 ID: "moda_store" is already the ID of Section 1 Row 1; row IDs must be unique in the list (an empty ID is derived from the title)',
		],
	])('refuses %s', (_case, sectionList, message) => {
		expect(refusal(buildListMessage, list({ sections: { section: sectionList } }))).toBe(message);
	});

	it('names the section and row of a row that is too long', () => {
		const sections = [
			section('A', ...rows(2, 'a')),
			section('B', ...rows(2, 'b'), { title: 'x'.repeat(25) }),
		];
		expect(refusal(buildListMessage, list({ sections: { section: sections } }))).toBe(
			'Section 2 Row 3 Title: 25 characters long; the limit is 24 characters',
		);
	});

	it('refuses markdown in the header', () => {
		expect(refusal(buildListMessage, list({ headerText: 'Our *best* stores' }))).toBe(
			'Header Text: must not contain markdown (*, _, ~ or ```)',
		);
	});

	describeLengthLimits(buildListMessage, [
		['Header Text', 60, (headerText) => list({ headerText })],
		['Body Text', 1024, (bodyText) => list({ bodyText })],
		['Footer Text', 60, (footerText) => list({ footerText })],
		['Button Text', 20, (buttonText) => list({ buttonText })],
		['Section 1 Row 1 Title', 24, (title) => withRow({ title })],
		['Section 1 Row 1 Description', 72, (description) => withRow({ title: 'T', description })],
	]);

	describeRequired(buildListMessage, [
		['Body Text', (bodyText) => list({ bodyText })],
		['Button Text', (buttonText) => list({ buttonText })],
		['Section 1 Row 1 Title', (title) => withRow({ title })],
	]);
});
