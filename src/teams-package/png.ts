/**
 * A minimal PNG encoder and header reader (8-bit RGBA, no interlace), enough to write and check
 * the Teams app icons without any image library. Pure apart from node:zlib.
 */
import zlib from 'node:zlib';
import { crc32 } from './crc32';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An RGBA image: `pixels` holds width × height × 4 bytes, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes an RGBA image as PNG (colour type 6, filter 0 on every row). */
export function encodePng(img: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(img.width, 0);
  header.writeUInt32BE(img.height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  const stride = img.width * 4;
  const raw = Buffer.alloc((stride + 1) * img.height);
  for (let y = 0; y < img.height; y++) Buffer.from(img.pixels.buffer, img.pixels.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** What a PNG's IHDR says. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** True when the colour type carries an alpha channel (4 or 6). */
  hasAlpha: boolean;
}

/** Reads a PNG's IHDR; throws if the data is not a PNG. */
export function readPngHeader(data: Buffer): PngHeader {
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE) || data.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  const colourType = data[25]!;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data[24]!, colourType, hasAlpha: colourType === 4 || colourType === 6 };
}

/** Decodes a PNG written by encodePng (8-bit RGBA, filter 0), for checking pixels in tests. */
export function decodeSimplePng(data: Buffer): RgbaImage {
  const h = readPngHeader(data);
  if (h.bitDepth !== 8 || h.colourType !== 6) throw new Error('only 8-bit RGBA PNGs are supported');
  const idat: Buffer[] = [];
  for (let off = 8; off < data.length; ) {
    const len = data.readUInt32BE(off);
    const type = data.toString('ascii', off + 4, off + 8);
    if (type === 'IDAT') idat.push(data.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = h.width * 4;
  const pixels = new Uint8Array(stride * h.height);
  for (let y = 0; y < h.height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error('only filter type 0 is supported');
    pixels.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width: h.width, height: h.height, pixels };
}
