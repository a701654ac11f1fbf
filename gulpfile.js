// Copies the static assets tsc does not emit (SVG icons and codex *.node.json files)
// into dist/, keeping each file's place relative to the project root.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(
		[
			'icons/**/*.{png,svg}',
			'nodes/**/*.{png,svg}',
			'credentials/**/*.{png,svg}',
			'nodes/**/*.node.json',
		],
		{ base: '.', encoding: false },
	).pipe(dest(path.resolve('dist'))),
);
