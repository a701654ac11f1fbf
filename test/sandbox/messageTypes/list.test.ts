/* Interactive list messages. */
import { list, row, section, x } from '../messageBuilders';
import { checkMessageType, rows } from './harness';

checkMessageType({
	accepted: [
		['list with two titled sections', list()],
		[
			'list at every limit: header 60, body 1024, footer 60, button 20, 10 sections of 24-character titles, row id 200, title 24, description 72',
			list(
				{ header: { type: 'text', text: x(60) }, body: { text: x(1024) }, footer: { text: x(60) } },
				{
					button: x(20),
					sections: [
						section(x(24), row(x(200), x(24), x(72))),
						...Array.from({ length: 9 }, (_, i) => section(`Section ${i}`, row(`r${i}`))),
					],
				},
			),
		],
		[
			'list with one untitled section of 10 rows',
			list(
				{ header: undefined, footer: undefined },
				{ sections: [section(undefined, ...rows(10))] },
			),
		],
	],
	refused: [
		[
			'list body of 1025',
			list({ body: { text: x(1025) } }),
			'interactive.body.text',
			'length 1025 exceeds max 1024',
		],
		['list without body', list({ body: undefined }), 'interactive.body.text', 'required'],
		[
			'list header of 61',
			list({ header: { type: 'text', text: x(61) } }),
			'interactive.header.text',
			'length 61 exceeds max 60',
		],
		[
			'list with an image header',
			list({ header: { type: 'image', image: { id: '1' } } }),
			'interactive.header.type',
			'must be one of text',
		],
		[
			'list footer of 61',
			list({ footer: { text: x(61) } }),
			'interactive.footer.text',
			'length 61 exceeds max 60',
		],
		[
			'list button of 21',
			list({}, { button: x(21) }),
			'interactive.action.button',
			'length 21 exceeds max 20',
		],
		[
			'list without button',
			list({}, { button: undefined }),
			'interactive.action.button',
			'required',
		],
		[
			'list of 11 sections',
			list({}, { sections: rows(11).map((r) => section(`S ${r.id}`, r)) }),
			'interactive.action.sections',
			'must hold 1 to 10 sections (got 11)',
		],
		[
			'list of no sections',
			list({}, { sections: [] }),
			'interactive.action.sections',
			'must hold 1 to 10 sections (got 0)',
		],
		[
			'two sections, one untitled',
			list({}, { sections: [section('A', row('a')), section(undefined, row('b'))] }),
			'interactive.action.sections[1].title',
			'required',
		],
		[
			'section title of 25',
			list({}, { sections: [section(x(25), row('a'))] }),
			'interactive.action.sections[0].title',
			'length 25 exceeds max 24',
		],
		[
			'11 rows across two sections',
			list({}, { sections: [section('A', ...rows(6, 'a')), section('B', ...rows(5, 'b'))] }),
			'interactive.action.sections',
			'11 rows in all exceeds max 10',
		],
		[
			'a section without rows',
			list({}, { sections: [section('A')] }),
			'interactive.action.sections[0].rows',
			'must hold at least 1 rows (got 0)',
		],
		[
			'row id of 201',
			list({}, { sections: [section('A', row(x(201)))] }),
			'interactive.action.sections[0].rows[0].id',
			'length 201 exceeds max 200',
		],
		[
			'the same row id in two sections',
			list({}, { sections: [section('A', row('same')), section('B', row('same'))] }),
			'interactive.action.sections[1].rows[0].id',
			'must be unique within the message',
		],
		[
			'row title of 25',
			list({}, { sections: [section('A', row('a', x(25)))] }),
			'interactive.action.sections[0].rows[0].title',
			'length 25 exceeds max 24',
		],
		[
			'row without title',
			list({}, { sections: [section('A', { id: 'a' })] }),
			'interactive.action.sections[0].rows[0].title',
			'required',
		],
		[
			'row description of 73',
			list({}, { sections: [section('A', row('a', 'A', x(73)))] }),
			'interactive.action.sections[0].rows[0].description',
			'length 73 exceeds max 72',
		],
	],
});
