/**
 * What an image file is, read from its header alone (pure: no imports, no decoding).
 *
 * PNG and WebP say their size in the first 30 bytes. A JPEG says it in its SOFn segment, which
 * follows the APPn segments (EXIF, ICC profile, each at most 64 KiB). The first 64 KiB of a file
 * is enough for nearly every JPEG; when the SOFn segment lies beyond the bytes given (EXIF and
 * ICC segments together over 64 KiB), the answer is null, not a guess: a caller that read a
 * prefix may then read more (256 KiB, or the whole file) and ask again.
 */

export interface ImageInfo {
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** JPEG start-of-frame markers that carry the frame size (C4 DHT, C8 JPG, CC DAC are not frames). */
const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}
function u32be(bytes: Uint8Array, at: number): number {
  return (u16be(bytes, at) * 0x10000 + u16be(bytes, at + 2)) >>> 0;
}
function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}
function u24le(bytes: Uint8Array, at: number): number {
  return u16le(bytes, at) | ((bytes[at + 2] ?? 0) << 16);
}
function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

function sized(mime: ImageInfo['mime'], width: number, height: number): ImageInfo | null {
  return width > 0 && height > 0 ? { mime, width, height } : null;
}

function png(bytes: Uint8Array): ImageInfo | null {
  // The IHDR chunk must come first: length 13, then width and height (big-endian, < 2^31).
  if (bytes.length < 24 || u32be(bytes, 8) !== 13 || !ascii(bytes, 12, 'IHDR')) return null;
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  return width > 0x7fffffff || height > 0x7fffffff ? null : sized('image/png', width, height);
}

function jpeg(bytes: Uint8Array): ImageInfo | null {
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[at] === 0xff) at++;
    const marker = bytes[at++];
    if (marker === undefined) return null;
    // Markers without a length: TEM and RST0–7. SOI again, EOI, or a scan before a frame: broken.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || marker === 0x00) return null;
    if (at + 2 > bytes.length) return null;
    const length = u16be(bytes, at);
    if (length < 2) return null;
    if (SOF_MARKERS.has(marker)) {
      // Frame header: length, precision, height, width. Height 0 (set later by DNL) is unknown.
      if (length < 7 || at + 7 > bytes.length) return null;
      return sized('image/jpeg', u16be(bytes, at + 5), u16be(bytes, at + 3));
    }
    at += length;
  }
  return null;
}

function webp(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length < 30) return null;
  const data = 20;
  if (ascii(bytes, 12, 'VP8 ')) {
    // Lossy: a key frame (tag bit 0 clear), start code 9D 01 2A, then 14-bit width and height.
    if ((bytes[data]! & 1) !== 0) return null;
    if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
      return null;
    }
    return sized('image/webp', u16le(bytes, data + 6) & 0x3fff, u16le(bytes, data + 8) & 0x3fff);
  }
  if (ascii(bytes, 12, 'VP8L')) {
    // Lossless: signature 0x2F, then width−1 and height−1 in 14 bits each (little-endian bits),
    // then the alpha hint and a 3-bit version that must be 0.
    if (bytes[data] !== 0x2f || bytes[data + 4]! >> 5 !== 0) return null;
    const b1 = bytes[data + 1]!;
    const b2 = bytes[data + 2]!;
    const b3 = bytes[data + 3]!;
    const b4 = bytes[data + 4]!;
    const width = 1 + (((b2 & 0x3f) << 8) | b1);
    const height = 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6));
    return sized('image/webp', width, height);
  }
  if (ascii(bytes, 12, 'VP8X')) {
    // Extended: flags, 3 reserved bytes, then canvas width−1 and height−1 in 24 bits each.
    return sized('image/webp', 1 + u24le(bytes, data + 4), 1 + u24le(bytes, data + 7));
  }
  return null;
}

/**
 * The type and pixel size of a PNG, JPEG or WebP file from its first bytes, or null when the
 * bytes are none of these, are cut short before the size, or say a size of 0. Only the header is
 * read: the rest of the file may be anything. Give at least the first 64 KiB (JPEG EXIF/ICC
 * segments come before the size); a null on a prefix of a JPEG may mean "read more".
 */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return png(bytes);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return jpeg(bytes);
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return webp(bytes);
  return null;
}
