/**
 * The field that names an item's input file: Media > Upload's and Send Media's Binary File
 * source's. A file of its own (importing nothing of the node) so that both descriptions can use
 * it without an import cycle through the operation table.
 */
import type { INodeProperties } from 'n8n-workflow';

/** The panel's name of the field that names an input file, as errors quote it. */
export const INPUT_BINARY_FIELD = 'Input Binary Field';

/** The input file's binary field: Upload's, and Send Media's Binary File source's. */
export function inputBinaryFieldProperty(
	use: 'uploaded' | 'sent',
	description: string,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: INPUT_BINARY_FIELD,
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'data',
		hint: `The name of the input binary field containing the file to be ${use}`,
		description,
		displayOptions,
	};
}
