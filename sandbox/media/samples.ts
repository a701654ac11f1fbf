/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, never inside n8n, and is not published */
/**
 * The contact's own media, built in code so the repository holds no binary files: a small PNG
 * photo (a landscape: sky, sun, hills) and a two-second "voice note" as an Ogg Opus stream whose
 * packets are empty Opus frames. The voice note has a valid Ogg and Opus header structure but
 * carries no sound; it is not checked against a player, and a player may refuse it or play
 * silence.
 */
import { crc32, deflateSync } from 'zlib';

const WIDTH = 96;
const HEIGHT = 64;

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

function landscapePixel(x: number, y: number): [number, number, number] {
	const hill = HEIGHT * 0.65 + Math.sin(x / 9) * 5;
	if (y > hill) return [60, 140 - Math.round((y - hill) * 2), 60];
	if ((x - 70) ** 2 + (y - 18) ** 2 < 81) return [255, 210, 60];
	const sky = Math.round((y / HEIGHT) * 90);
	return [90 + sky, 160 + sky / 2, 235];
}

/** An 8-bit RGB PNG; each row starts with filter byte 0 (none). */
export function samplePhotoPng(): Buffer {
	const rows: Buffer[] = [];
	for (let y = 0; y < HEIGHT; y++) {
		const row = Buffer.alloc(1 + WIDTH * 3);
		for (let x = 0; x < WIDTH; x++) row.set(landscapePixel(x, y), 1 + x * 3);
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(WIDTH, 0);
	header.writeUInt32BE(HEIGHT, 4);
	header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter, no interlace
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** Ogg's page checksum: CRC-32 with polynomial 0x04c11db7, not reflected, initial value 0. */
const OGG_CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
	let value = index << 24;
	for (let bit = 0; bit < 8; bit++)
		value = value & 0x80000000 ? (value << 1) ^ 0x04c11db7 : value << 1;
	return value >>> 0;
});

function oggCrc(page: Buffer): number {
	let crc = 0;
	for (const byte of page) crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
	return crc;
}

/** One Ogg page holding whole packets, each under 255 bytes (one lacing value each). */
function oggPage(packets: Buffer[], flags: number, granule: number, sequence: number): Buffer {
	const header = Buffer.alloc(27 + packets.length);
	header.write('OggS', 0, 'latin1');
	header[5] = flags;
	header.writeBigUInt64LE(BigInt(granule), 6);
	header.writeUInt32LE(0x5a4e4453, 14); // stream serial number
	header.writeUInt32LE(sequence, 18);
	header[26] = packets.length;
	packets.forEach((packet, index) => (header[27 + index] = packet.length));
	const page = Buffer.concat([header, ...packets]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}

const PRE_SKIP = 312;
const FRAMES = 100; // 20 ms each: two seconds

export function sampleVoiceNoteOgg(): Buffer {
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'latin1');
	head[8] = 1; // version
	head[9] = 1; // mono
	head.writeUInt16LE(PRE_SKIP, 10);
	head.writeUInt32LE(48_000, 12);
	const vendor = Buffer.from('insider-sandbox', 'latin1');
	const tags = Buffer.alloc(16 + vendor.length);
	tags.write('OpusTags', 0, 'latin1');
	tags.writeUInt32LE(vendor.length, 8);
	vendor.copy(tags, 12);
	// TOC byte 0xf8: CELT-only, fullband, 20 ms, mono, one frame; no frame bytes follow.
	const frames = Array.from({ length: FRAMES }, () => Buffer.from([0xf8]));
	return Buffer.concat([
		oggPage([head], 0x02, 0, 0),
		oggPage([tags], 0x00, 0, 1),
		oggPage(frames, 0x04, PRE_SKIP + FRAMES * 960, 2),
	]);
}
