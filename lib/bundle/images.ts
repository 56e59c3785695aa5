/**
 * An image file of a bundle checked whole, before anything is stored: its pixel size against
 * what the product itself can store (from the header alone, before any decoding), then its
 * structure, byte by byte, in pure TypeScript (a browser decodes a cut-off PNG or JPEG "fine",
 * painting the missing rows grey, so its word alone proves nothing):
 *
 * - PNG: every chunk whole with a correct CRC, IHDR first, IDAT chunks in one run, IEND; the
 *   IDAT stream inflated to the end (DecompressionStream, output counted and dropped) giving exactly
 *   the bytes the header's size, colour type, bit depth and interlacing need.
 * - JPEG: every segment whole, one frame (SOFn) before the first scan, every scan's entropy-coded
 *   data ending in a marker, and the file ending in EOI after a scan.
 * - WebP: the RIFF size within the file, every chunk within it, and one VP8 or VP8L image chunk
 *   (after a VP8X header, if any) large enough for its own headers.
 *
 * Bytes after the end of the image (after IEND, after EOI, after the RIFF size) are allowed:
 * decoders ignore them and they cannot hide a cut-off image. A JPEG whose scan data was cut and an
 * EOI appended passes these checks (finding that needs a full Huffman decode); the browser decode
 * the reader is given (readBundle's `decodeImage`) is the second check.
 */
import type { ImageInfo } from '../model/image-info';
import { BundleError } from './errors';

/** The largest image a reader accepts (see BUNDLE_LIMITS in ./format.ts for why these values). */
export interface ImageLimits {
  /** Pixels per side. */
  imageSide: number;
  /** Pixels in all (width × height). */
  imagePixels: number;
}

/** Refuses an image larger than `limits` ('image-too-large'), naming the file and its size. */
export function checkImageSize(path: string, info: ImageInfo, limits: ImageLimits): void {
  const { width, height } = info;
  if (
    width <= limits.imageSide &&
    height <= limits.imageSide &&
    width * height <= limits.imagePixels
  ) {
    return;
  }
  const maxMegapixels = Math.floor(limits.imagePixels / 1e6);
  throw new BundleError(
    'image-too-large',
    `${path} is ${width} × ${height} px; an imported image may be at most ${limits.imageSide} px per side and ${limits.imagePixels} px in all (${maxMegapixels} megapixels).`,
    { path, params: { width, height, maxSide: limits.imageSide, maxMegapixels } },
  );
}

/** A structural fault: the message says what, the caller adds the file. */
class Fault extends Error {}

/**
 * Refuses ('undecodable-image') an image file that is cut short or damaged, naming the file and
 * what is wrong. `info` is the file's header (imageInfo), already checked against the limits.
 */
export async function checkImageStructure(
  path: string,
  bytes: Uint8Array,
  info: ImageInfo,
): Promise<void> {
  try {
    if (info.mime === 'image/png') await checkPng(bytes, info);
    else if (info.mime === 'image/jpeg') checkJpeg(bytes);
    else checkWebp(bytes);
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    throw undecodable(path, error.message);
  }
}

/** The error for an image that cannot be decoded whole; `why` says what is wrong, in English. */
export function undecodable(path: string, why: string): BundleError {
  return new BundleError('undecodable-image', `${path} cannot be decoded whole: ${why}.`, {
    path,
    params: { why },
  });
}

const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32le = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const fourCc = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

// PNG

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array, from: number, to: number): number {
  let crc = -1;
  for (let i = from; i < to; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** Channels per pixel of each PNG colour type, and the bit depths it allows. */
const PNG_COLOUR: Record<number, { channels: number; depths: readonly number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};

/** Adam7: the first column and row, and the steps, of each of the seven passes. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/**
 * The bytes a PNG's IDAT stream inflates to: one filter byte, then the packed pixels, per row (of
 * each Adam7 pass whose size is not 0, when interlaced).
 */
export function pngInflatedSize(
  width: number,
  height: number,
  bitsPerPixel: number,
  interlaced: boolean,
): number {
  const rowBytes = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8);
  if (!interlaced) return height * rowBytes(width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
    const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

async function checkPng(bytes: Uint8Array, info: ImageInfo): Promise<void> {
  let at = 8;
  let ihdr: { depth: number; colour: number; interlaced: boolean } | null = null;
  let palette = false;
  const idat: Uint8Array[] = [];
  /** 0: no IDAT yet, 1: in the run of IDAT chunks, 2: after it. */
  let idatRun = 0;
  for (;;) {
    if (at === bytes.length) throw new Fault('the file ends before its IEND chunk (cut short)');
    if (at + 12 > bytes.length) {
      throw new Fault(`a chunk header at byte ${at} runs past the end of the file (cut short)`);
    }
    const length = u32be(bytes, at);
    const type = fourCc(bytes, at + 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Fault(`the chunk at byte ${at} has no valid type`);
    const data = at + 8;
    const end = data + length;
    if (length > 0x7fffffff || end + 4 > bytes.length) {
      throw new Fault(`its ${type} chunk runs past the end of the file (cut short)`);
    }
    if (crc32(bytes, at + 4, end) !== u32be(bytes, end)) {
      throw new Fault(`the CRC of its ${type} chunk at byte ${at} is wrong (damaged)`);
    }
    if (!ihdr) {
      if (type !== 'IHDR' || length !== 13) throw new Fault('it does not start with IHDR');
      const depth = bytes[data + 8]!;
      const colour = bytes[data + 9]!;
      const allowed = PNG_COLOUR[colour];
      if (!allowed?.depths.includes(depth)) {
        throw new Fault(`colour type ${colour} with bit depth ${depth} is not a PNG`);
      }
      if (bytes[data + 10] !== 0 || bytes[data + 11] !== 0 || bytes[data + 12]! > 1) {
        throw new Fault('its IHDR names an unknown compression, filter or interlace method');
      }
      ihdr = { depth, colour, interlaced: bytes[data + 12] === 1 };
    } else if (type === 'IHDR') {
      throw new Fault('it has a second IHDR chunk');
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      if (idatRun === 2) throw new Fault('its IDAT chunks are not in one run');
      if (ihdr.colour === 3 && !palette) throw new Fault('it has no palette before its pixels');
      idatRun = 1;
      idat.push(bytes.subarray(data, end));
    } else if (type === 'IEND') {
      break;
    } else if (idatRun === 1) {
      idatRun = 2;
    }
    at = end + 4;
  }
  if (idat.length === 0) throw new Fault('it has no IDAT chunk (no pixels)');
  const channels = PNG_COLOUR[ihdr.colour]!.channels;
  const expected = pngInflatedSize(info.width, info.height, channels * ihdr.depth, ihdr.interlaced);
  const inflated = await inflatedLength(idat, expected);
  if (inflated !== expected) {
    throw new Fault(
      `its pixel data is cut short: ${inflated} of the ${expected} bytes its size needs`,
    );
  }
}

/**
 * How many bytes the zlib stream in `parts` inflates to, stopping as soon as it is more than
 * `most`. The browser's own zlib (DecompressionStream, also in Node): about three times faster
 * than fflate here, and it checks the stream's Adler-32 and refuses bytes after its end.
 */
async function inflatedLength(parts: Uint8Array[], most: number): Promise<number> {
  const input = new Blob(parts as Uint8Array<ArrayBuffer>[]);
  const reader = input.stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  let inflated = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Fault(
        `its pixel data is cut short or damaged (${why}; ${inflated} of ${most} bytes inflated)`,
      );
    }
    if (chunk.done) return inflated;
    inflated += chunk.value.length;
    if (inflated > most) {
      await reader.cancel().catch(() => {});
      throw new Fault(`its pixel data inflates to more than the ${most} bytes its size needs`);
    }
  }
}

// JPEG

/** Frame markers (SOF0–SOF15 but DHT C4, JPG C8 and DAC CC). */
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Baseline and extended sequential Huffman frames: the only JPEGs a browser's encoder writes. */
const SEQUENTIAL = new Set([0xc0, 0xc1]);

interface JpegFrame {
  width: number;
  height: number;
  components: { id: number; h: number; v: number }[];
  maxH: number;
  maxV: number;
}

/** Codes up to this many bits are looked up at once; longer ones are read bit by bit. */
const LOOKAHEAD = 9;

/** A Huffman table as JPEG's decoding procedure (T.81 F.2.2.3) reads it, with a lookahead table. */
interface Huffman {
  maxcode: Int32Array;
  mincode: Int32Array;
  valptr: Int32Array;
  values: Uint8Array;
  /** By the next LOOKAHEAD bits: (code length << 8) | symbol, 0 when the code is longer. */
  lookup: Uint16Array;
}

function huffman(counts: Uint8Array, values: Uint8Array): Huffman {
  const maxcode = new Int32Array(18).fill(-1);
  const mincode = new Int32Array(17);
  const valptr = new Int32Array(17);
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1]!;
    valptr[length] = k;
    mincode[length] = code;
    if (length <= LOOKAHEAD) {
      for (let i = 0; i < n; i++) {
        const first = (code + i) << (LOOKAHEAD - length);
        const entry = (length << 8) | (values[k + i] ?? 0);
        lookup.fill(entry, first, first + (1 << (LOOKAHEAD - length)));
      }
    }
    code += n;
    k += n;
    if (n) maxcode[length] = code - 1;
    code <<= 1;
  }
  maxcode[17] = 0x7fffffff;
  return { maxcode, mincode, valptr, values, lookup };
}

/** The entropy-coded bits of a scan: stuffed zero bytes dropped, stopping at any marker. */
class ScanBits {
  /** The next `count` bits, right-aligned (at most 32). */
  buffer = 0;
  count = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly end: number,
  ) {}

  /** Takes whole bytes into the buffer until it holds more than 24 bits or a marker comes. */
  fill(): void {
    const bytes = this.bytes;
    while (this.count <= 24 && this.at < this.end) {
      const byte = bytes[this.at]!;
      if (byte === 0xff) {
        if (bytes[this.at + 1] !== 0x00) return;
        this.at += 2;
      } else {
        this.at += 1;
      }
      this.buffer = ((this.buffer & 0xffffff) << 8) | byte;
      this.count += 8;
    }
  }

  /** One bit; null when the scan's data has ended (a marker or the end of its bytes). */
  bit(): number | null {
    if (this.count === 0) this.fill();
    if (this.count === 0) return null;
    this.count--;
    return (this.buffer >>> this.count) & 1;
  }

  /** Skips `n` bits (a coefficient's value, n ≤ 16); false when the data ended first. */
  skip(n: number): boolean {
    if (this.count < n) this.fill();
    if (this.count < n) return false;
    this.count -= n;
    return true;
  }

  /**
   * A restart marker next, after the last byte's padding bits (the buffer never holds a marker):
   * skips it; false when something else comes.
   */
  restart(): boolean {
    if (this.count >= 8) return false;
    this.count = 0;
    while (this.bytes[this.at] === 0xff && this.bytes[this.at + 1] === 0xff) this.at++;
    const next = this.bytes[this.at + 1] ?? 0;
    if (this.bytes[this.at] !== 0xff || next < 0xd0 || next > 0xd7) return false;
    this.at += 2;
    return true;
  }
}

/** A Huffman code's symbol; null when the data ended; throws on a code no table holds. */
function symbol(bits: ScanBits, table: Huffman): number | null {
  if (bits.count < 16) bits.fill();
  if (bits.count >= LOOKAHEAD) {
    const entry =
      table.lookup[(bits.buffer >>> (bits.count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1)]!;
    if (entry) {
      bits.count -= entry >> 8;
      return entry & 0xff;
    }
  }
  let code = bits.bit();
  if (code === null) return null;
  let length = 1;
  while (code > table.maxcode[length]!) {
    const bit = bits.bit();
    if (bit === null) return null;
    code = (code << 1) | bit;
    if (++length > 16) throw new Fault('its compressed image data holds an invalid code (damaged)');
  }
  return table.values[table.valptr[length]! + code - table.mincode[length]!] ?? 0;
}

/** One 8 × 8 block's coefficients read past; false when the data ended inside it. */
function skipBlock(bits: ScanBits, dc: Huffman, ac: Huffman): boolean {
  const size = symbol(bits, dc);
  if (size === null || size > 16 || !bits.skip(size)) {
    if (size !== null && size > 16) throw new Fault('a block holds an invalid value (damaged)');
    return false;
  }
  for (let k = 1; k < 64; ) {
    const rs = symbol(bits, ac);
    if (rs === null) return false;
    const run = rs >> 4;
    const bitsOf = rs & 15;
    if (bitsOf === 0) {
      if (run !== 15) return true; // end of block
      k += 16;
      continue;
    }
    k += run + 1;
    if (k > 64) throw new Fault('a block holds more than 64 coefficients (damaged)');
    if (!bits.skip(bitsOf)) return false;
  }
  return true;
}

/**
 * Reads a sequential scan's blocks through (without decoding pixels) and refuses one whose data
 * ends before its last block: a JPEG cut short and given its end marker back passes every other
 * check, and browsers draw its missing rows grey.
 */
function checkScanBlocks(
  bytes: Uint8Array,
  start: number,
  end: number,
  frame: JpegFrame,
  scan: { component: number; dc: number; ac: number }[],
  tables: Map<number, Huffman>,
  restartInterval: number,
): void {
  const units = scan.map(({ component, dc, ac }) => {
    const c = frame.components[component]!;
    const dcTable = tables.get(dc);
    const acTable = tables.get(0x10 | ac);
    if (!dcTable || !acTable) throw new Fault('a scan uses a Huffman table it never defines');
    return { c, dc: dcTable, ac: acTable };
  });
  let mcus: number;
  let blocksPerMcu: number;
  if (units.length === 1) {
    const { c } = units[0]!;
    const across = Math.ceil(Math.ceil((frame.width * c.h) / frame.maxH) / 8);
    const down = Math.ceil(Math.ceil((frame.height * c.v) / frame.maxV) / 8);
    mcus = across * down;
    blocksPerMcu = 1;
  } else {
    mcus = Math.ceil(frame.width / (8 * frame.maxH)) * Math.ceil(frame.height / (8 * frame.maxV));
    blocksPerMcu = units.reduce((sum, { c }) => sum + c.h * c.v, 0);
  }
  const bits = new ScanBits(bytes, start, end);
  const cut = (done: number) =>
    new Fault(
      `its compressed image data ends after ${done * blocksPerMcu} of ${mcus * blocksPerMcu} blocks (cut short)`,
    );
  for (let mcu = 0; mcu < mcus; mcu++) {
    if (restartInterval && mcu > 0 && mcu % restartInterval === 0 && !bits.restart()) {
      throw cut(mcu);
    }
    for (const { c, dc, ac } of units) {
      const count = units.length === 1 ? 1 : c.h * c.v;
      for (let i = 0; i < count; i++) if (!skipBlock(bits, dc, ac)) throw cut(mcu);
    }
  }
}

function checkJpeg(bytes: Uint8Array): void {
  let at = 2;
  let frame: JpegFrame | null = null;
  let scans = 0;
  const tables = new Map<number, Huffman>();
  let restartInterval = 0;
  for (;;) {
    if (at >= bytes.length) throw new Fault('the file ends before its EOI marker (cut short)');
    if (bytes[at] !== 0xff) throw new Fault(`no marker at byte ${at} (damaged)`);
    while (bytes[at] === 0xff) at++;
    if (at >= bytes.length) throw new Fault('the file ends inside a marker (cut short)');
    const marker = bytes[at++]!;
    if (marker === 0xd9) {
      if (!frame || scans === 0) throw new Fault('it ends before any image data');
      return;
    }
    if (marker === 0xd8 || marker === 0x00) {
      throw new Fault(`an unexpected marker FF${hex(marker)} at byte ${at - 2} (damaged)`);
    }
    // TEM and restart markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (at + 2 > bytes.length) throw new Fault('the file ends inside a segment (cut short)');
    const length = u16be(bytes, at);
    if (length < 2) throw new Fault(`the segment FF${hex(marker)} has a length of ${length}`);
    const end = at + length;
    if (end > bytes.length) {
      throw new Fault(`its segment FF${hex(marker)} runs past the end of the file (cut short)`);
    }
    if (isFrame(marker)) {
      if (frame) throw new Fault('it has a second frame header');
      const count = bytes[at + 7] ?? 0;
      if (length < 8 || count === 0 || length !== 8 + 3 * count) {
        throw new Fault(`its frame header FF${hex(marker)} is damaged`);
      }
      if (!SEQUENTIAL.has(marker)) {
        // Progressive, lossless, arithmetic-coded: no browser encoder writes them, so no image
        // the extension stored is one; refusing them keeps every image checkable to its last block.
        throw new Fault(`it is a kind of JPEG (FF${hex(marker)}) the extension never stores`);
      }
      const components = Array.from({ length: count }, (_, i) => {
        const sampling = bytes[at + 9 + 3 * i]!;
        return { id: bytes[at + 8 + 3 * i]!, h: sampling >> 4, v: sampling & 15 };
      });
      const height = u16be(bytes, at + 3);
      const width = u16be(bytes, at + 5);
      if (!width || !height || components.some((c) => c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4)) {
        throw new Fault(`its frame header FF${hex(marker)} is damaged`);
      }
      frame = {
        width,
        height,
        components,
        maxH: Math.max(...components.map((c) => c.h)),
        maxV: Math.max(...components.map((c) => c.v)),
      };
    }
    if (marker === 0xc4) {
      // One or more Huffman tables: class and id, 16 counts, the values.
      for (let p = at + 2; p < end; ) {
        const key = bytes[p]!;
        const counts = bytes.subarray(p + 1, p + 17);
        const total = counts.reduce((sum, n) => sum + n, 0);
        if (counts.length < 16 || p + 17 + total > end || (key & 0x0f) > 3 || key >> 4 > 1) {
          throw new Fault('a Huffman table is damaged');
        }
        tables.set(key & 0x13, huffman(counts, bytes.subarray(p + 17, p + 17 + total)));
        p += 17 + total;
      }
    }
    if (marker === 0xdd) {
      if (length !== 4) throw new Fault('its restart interval segment is damaged');
      restartInterval = u16be(bytes, at + 2);
    }
    if (marker !== 0xda) {
      at = end;
      continue;
    }
    // A scan: its header, then entropy-coded data up to the next marker that is not a stuffed
    // zero byte (FF 00), fill (FF FF) or a restart marker (FF D0–D7).
    if (!frame) throw new Fault('a scan comes before the frame header');
    const count = bytes[at + 2] ?? 0;
    if (count === 0 || length !== 6 + 2 * count) {
      throw new Fault('a scan header is damaged');
    }
    const components = frame.components;
    const scan = Array.from({ length: count }, (_, i) => {
      const component = components.findIndex((c) => c.id === bytes[at + 3 + 2 * i]);
      const selectors = bytes[at + 4 + 2 * i]!;
      if (component < 0) throw new Fault('a scan names a component the frame does not have');
      return { component, dc: selectors >> 4, ac: selectors & 15 };
    });
    scans++;
    let data = end;
    for (;;) {
      const ff = bytes.indexOf(0xff, data);
      if (ff < 0 || ff + 1 >= bytes.length) {
        throw new Fault('its compressed image data runs to the end of the file (cut short)');
      }
      let next = ff + 1;
      while (bytes[next] === 0xff) next++;
      if (next >= bytes.length) {
        throw new Fault('its compressed image data runs to the end of the file (cut short)');
      }
      const byte = bytes[next]!;
      if (byte === 0x00 || (byte >= 0xd0 && byte <= 0xd7)) {
        data = next + 1;
        continue;
      }
      checkScanBlocks(bytes, end, ff, frame, scan, tables, restartInterval);
      at = next - 1;
      break;
    }
  }
}

const hex = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

// WebP

function checkWebp(bytes: Uint8Array): void {
  const riffEnd = 8 + u32le(bytes, 4);
  if (riffEnd > bytes.length) {
    throw new Fault(
      `its RIFF header says ${riffEnd} bytes but the file has ${bytes.length} (cut short)`,
    );
  }
  let at = 12;
  let image = false;
  let first = true;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new Fault(`a chunk header at byte ${at} is cut short`);
    const type = fourCc(bytes, at);
    const size = u32le(bytes, at + 4);
    const data = at + 8;
    if (data + size > riffEnd) {
      throw new Fault(
        `its ${JSON.stringify(type)} chunk runs past the end of the file (cut short)`,
      );
    }
    if (first && type !== 'VP8 ' && type !== 'VP8L' && type !== 'VP8X') {
      throw new Fault(`its first chunk is ${JSON.stringify(type)}, not VP8, VP8L or VP8X`);
    }
    if (type === 'VP8 ' || type === 'VP8L') {
      if (image) throw new Fault('it has a second image chunk');
      image = true;
      if (type === 'VP8 ') {
        // Frame tag (3 bytes), start code (3), width and height (4); then the first partition.
        const partition = (bytes[data]! | (bytes[data + 1]! << 8) | (bytes[data + 2]! << 16)) >>> 5;
        if (size < 10 || 10 + partition > size) {
          throw new Fault('its VP8 chunk is shorter than its own first partition (cut short)');
        }
      } else if (size < 5) {
        throw new Fault('its VP8L chunk is shorter than its header (cut short)');
      }
    }
    first = false;
    // Chunks are padded to an even length; the pad of the last one may be missing.
    at = data + size + (size & 1);
  }
  if (!image) throw new Fault('it has no VP8 or VP8L image chunk (an animation is not accepted)');
}
