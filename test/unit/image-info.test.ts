import { describe, expect, it } from 'vitest';
import { imageInfo } from '../../lib/model/image-info';
import {
  encode,
  IMAGE_FACTS,
  IMAGES,
  jpegHeader,
  pngHeader,
  webpHeader,
  type SampleImage,
} from './bundle-fixtures';

describe('imageInfo', () => {
  it.each(Object.keys(IMAGES) as SampleImage[])('reads the real %s', (name) => {
    expect(imageInfo(IMAGES[name])).toEqual(IMAGE_FACTS[name]);
  });

  it('reads generated headers of any size', () => {
    expect(imageInfo(pngHeader(16_384, 1))).toEqual({
      mime: 'image/png',
      width: 16_384,
      height: 1,
    });
    expect(imageInfo(pngHeader(0x7fffffff, 2))).toEqual({
      mime: 'image/png',
      width: 0x7fffffff,
      height: 2,
    });
    expect(imageInfo(jpegHeader(65_535, 3))).toEqual({
      mime: 'image/jpeg',
      width: 65_535,
      height: 3,
    });
    for (const [width, height] of [
      [1, 1],
      [16_383, 9],
      [640, 16_383],
    ] as const) {
      expect(imageInfo(webpHeader('VP8', width, height))).toEqual({
        mime: 'image/webp',
        width,
        height,
      });
    }
    for (const [width, height] of [
      [1, 1],
      [16_384, 16_384],
      [1280, 7],
    ] as const) {
      expect(imageInfo(webpHeader('VP8L', width, height))).toEqual({
        mime: 'image/webp',
        width,
        height,
      });
      expect(imageInfo(webpHeader('VP8X', width, height))).toEqual({
        mime: 'image/webp',
        width,
        height,
      });
    }
    expect(imageInfo(webpHeader('VP8X', 1 << 24, 3))).toEqual({
      mime: 'image/webp',
      width: 1 << 24,
      height: 3,
    });
  });

  it('finds a JPEG frame after big segments, fill bytes, and in progressive and other SOFn', () => {
    // The largest APP1 segment (EXIF) there can be, before the frame: the frame starts past 64 KiB.
    const big = jpegHeader(1920, 1080, { padding: 65_533 });
    expect(imageInfo(big)).toEqual({ mime: 'image/jpeg', width: 1920, height: 1080 });
    // Given only the first 64 KiB, the frame is not there yet: null (read more), not a guess.
    expect(imageInfo(big.subarray(0, 64 * 1024))).toBeNull();
    expect(imageInfo(jpegHeader(7, 5, { fill: 3 }))).toEqual({
      mime: 'image/jpeg',
      width: 7,
      height: 5,
    });
    for (const sof of [0xc1, 0xc2, 0xc3, 0xc9, 0xcf]) {
      expect(imageInfo(jpegHeader(7, 5, { sof }))?.width, sof.toString(16)).toBe(7);
    }
    // DHT (C4), JPG (C8) and DAC (CC) share the range but are not frames: skipped like any segment.
    expect(imageInfo(jpegHeader(7, 5, { sof: 0xc4 }))).toBeNull();
    expect(imageInfo(jpegHeader(7, 5, { sof: 0xcc }))).toBeNull();
  });

  it('returns null for truncated, garbage, zero-size and other inputs', () => {
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array()],
      ['text', encode('<img src=x onerror=alert(1)>')],
      ['GIF', encode('GIF89a\u0001\u0000\u0001\u0000')],
      ['PNG signature only', IMAGES.png2x3.subarray(0, 8)],
      ['PNG cut in IHDR', IMAGES.png2x3.subarray(0, 20)],
      ['PNG 0 wide', pngHeader(0, 5)],
      ['PNG above 2^31', pngHeader(0x80000000, 5)],
      ['JPEG SOI only', IMAGES.jpeg3x2.subarray(0, 3)],
      ['JPEG cut in ICC', IMAGES.jpeg3x2.subarray(0, 300)],
      ['JPEG 0 high (DNL)', jpegHeader(5, 0)],
      ['JPEG scan before frame', new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9])],
      [
        'JPEG junk between segments',
        new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2, 0x12, 0xff, 0xc0]),
      ],
      ['JPEG EOI', new Uint8Array([0xff, 0xd8, 0xff, 0xd9])],
      ['JPEG length < 2', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0])],
      ['RIFF but WAVE', encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt ' + '\u0000'.repeat(20))],
      ['WebP cut', IMAGES.webpLossy3x2.subarray(0, 29)],
      [
        'WebP VP8 without start code',
        Uint8Array.from(webpHeader('VP8', 3, 2), (b, i) => (i === 23 ? 0 : b)),
      ],
      [
        'WebP VP8 inter frame',
        Uint8Array.from(webpHeader('VP8', 3, 2), (b, i) => (i === 20 ? 1 : b)),
      ],
      [
        'WebP VP8L bad signature',
        Uint8Array.from(webpHeader('VP8L', 3, 2), (b, i) => (i === 20 ? 0 : b)),
      ],
      [
        'WebP unknown chunk',
        Uint8Array.from(webpHeader('VP8X', 3, 2), (b, i) => (i === 15 ? 0x59 : b)),
      ],
    ];
    for (const [name, bytes] of cases) expect(imageInfo(bytes), name).toBeNull();
  });

  it('reads only the header: the rest may be anything', () => {
    const png = pngHeader(3, 4, new Uint8Array(1000).fill(0xee));
    expect(imageInfo(png)).toEqual({ mime: 'image/png', width: 3, height: 4 });
    expect(imageInfo(IMAGES.jpeg5x4.subarray(0, 700))).toEqual(IMAGE_FACTS.jpeg5x4);
  });
});
