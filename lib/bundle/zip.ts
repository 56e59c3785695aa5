/**
 * A zip reader that never loads the whole file: it reads the end record and the central
 * directory, then each entry's bytes by random access (`Blob.slice`). Only what a bundle needs:
 * no zip64, no encryption, stored or deflated entries, one disk.
 */
import { Inflate } from 'fflate';
import { BundleError } from './errors';

export interface ZipEntry {
  path: string;
  /** The name's raw bytes, to compare with the local header's. */
  nameBytes: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  localOffset: number;
  /** Extra field length in the central directory (the local one may differ). */
  extraLength: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the central directory starts: every entry's data ends before it. */
  dataEnd: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
/** The end record plus the longest comment it can have. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const ZIP64_EXTRA_ID = 0x0001;
/** Flag bits: 0 encrypted, 6 strong encryption, 13 encrypted central directory. */
const ENCRYPTION_FLAGS = 0x0001 | 0x0040 | 0x2000;
/** Inflate in small steps so a bomb is stopped after at most ~16 MiB of output. */
const INFLATE_STEP = 16 * 1024;

export async function readBytes(file: Blob, start: number, end: number) {
  return new Uint8Array(await file.slice(start, end).arrayBuffer());
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Finds the end record: the last signature whose comment reaches exactly to the end of the file. */
function findEnd(tail: Uint8Array): number {
  const data = view(tail);
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) {
      if (at + EOCD_SIZE + data.getUint16(at + 20, true) === tail.length) return at;
    }
  }
  return -1;
}

/**
 * Reads the central directory: every entry's name, method, sizes and offset, refusing what a
 * bundle never holds (zip64, encryption, other methods, several disks) and any range past the end.
 */
export async function readDirectory(file: Blob): Promise<ZipDirectory> {
  const tailStart = Math.max(0, file.size - EOCD_SEARCH);
  const tail = await readBytes(file, tailStart, file.size);
  const found = findEnd(tail);
  if (found < 0) {
    const head = await readBytes(file, 0, 4);
    if (head.length === 4 && view(head).getUint32(0, true) === LOCAL_SIGNATURE) {
      throw new BundleError('truncated', 'The zip file is cut short: its end record is missing.');
    }
    throw new BundleError('not-zip', 'The file is not a zip file.');
  }
  const eocd = view(tail.subarray(found, found + EOCD_SIZE));
  const eocdOffset = tailStart + found;
  const disk = eocd.getUint16(4, true);
  const directoryDisk = eocd.getUint16(6, true);
  const diskEntries = eocd.getUint16(8, true);
  const count = eocd.getUint16(10, true);
  const directorySize = eocd.getUint32(12, true);
  const directoryOffset = eocd.getUint32(16, true);
  if (
    count === 0xffff ||
    directorySize === 0xffffffff ||
    directoryOffset === 0xffffffff ||
    (found >= 20 && view(tail).getUint32(found - 20, true) === ZIP64_LOCATOR_SIGNATURE)
  ) {
    throw new BundleError(
      'too-large',
      'The zip file is a zip64 archive (too many or too large files).',
    );
  }
  if (disk !== 0 || directoryDisk !== 0 || diskEntries !== count) {
    throw new BundleError('unsupported-zip', 'The zip file spans several disks.');
  }
  if (directoryOffset + directorySize > eocdOffset) {
    throw new BundleError(
      'truncated',
      'The zip central directory points past the end of the file.',
    );
  }
  if (directoryOffset + directorySize < eocdOffset) {
    throw new BundleError('corrupt', 'The zip file has unknown bytes before its end record.');
  }
  const directory = await readBytes(file, directoryOffset, directoryOffset + directorySize);
  const data = view(directory);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > directory.length || data.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new BundleError('corrupt', `The zip central directory is damaged at entry ${i + 1}.`);
    }
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const compressedSize = data.getUint32(at + 20, true);
    const size = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const startDisk = data.getUint16(at + 34, true);
    const localOffset = data.getUint32(at + 42, true);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > directory.length) {
      throw new BundleError('corrupt', `The zip central directory is damaged at entry ${i + 1}.`);
    }
    const nameBytes = directory.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    let path: string;
    try {
      path = utf8.decode(nameBytes);
    } catch {
      throw new BundleError(
        'unsafe-path',
        `Entry ${i + 1} of the zip has a name that is not UTF-8.`,
      );
    }
    const where = { path };
    const extra = directory.subarray(
      at + CENTRAL_SIZE + nameLength,
      at + CENTRAL_SIZE + nameLength + extraLength,
    );
    if (
      compressedSize === 0xffffffff ||
      size === 0xffffffff ||
      localOffset === 0xffffffff ||
      hasExtraField(extra, ZIP64_EXTRA_ID)
    ) {
      throw new BundleError('too-large', `${path}: zip64 entries are not supported.`, where);
    }
    if (flags & ENCRYPTION_FLAGS) {
      throw new BundleError('unsupported-zip', `${path} is encrypted.`, where);
    }
    if (method !== 0 && method !== 8) {
      throw new BundleError(
        'unsupported-zip',
        `${path} uses compression method ${method}; only stored (0) and deflate (8) are read.`,
        { path, params: { method } },
      );
    }
    if (startDisk !== 0) {
      throw new BundleError('unsupported-zip', `${path} is on another disk.`, where);
    }
    entries.push({ path, nameBytes, method, compressedSize, size, localOffset, extraLength });
    at = next;
  }
  if (at !== directory.length) {
    throw new BundleError('corrupt', 'The zip central directory has more entries than it says.');
  }
  checkRanges(entries, directoryOffset);
  return { entries, dataEnd: directoryOffset };
}

function hasExtraField(extra: Uint8Array, id: number): boolean {
  const data = view(extra);
  for (let at = 0; at + 4 <= extra.length; at += 4 + data.getUint16(at + 2, true)) {
    if (data.getUint16(at, true) === id) return true;
  }
  return false;
}

/** Entries must lie before the central directory and must not share bytes (overlap bombs do). */
function checkRanges(entries: readonly ZipEntry[], dataEnd: number): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let previous: ZipEntry | null = null;
  let previousEnd = 0;
  for (const entry of sorted) {
    const end = entry.localOffset + LOCAL_SIZE + entry.nameBytes.length + entry.compressedSize;
    if (end > dataEnd) {
      throw new BundleError(
        'truncated',
        `${entry.path}: its data (${entry.compressedSize} bytes at offset ${entry.localOffset}) runs past the end of the zip data.`,
        { path: entry.path },
      );
    }
    if (previous && entry.localOffset < previousEnd) {
      throw new BundleError(
        'zip-bomb',
        `${entry.path} overlaps ${previous.path} in the zip: entries sharing bytes are a zip bomb.`,
        { path: entry.path, params: { other: previous.path } },
      );
    }
    previous = entry;
    previousEnd = end;
  }
}

/** Where an entry's data lies in the file, and its (still compressed) bytes. */
export interface EntryData {
  start: number;
  end: number;
  raw: Uint8Array<ArrayBuffer>;
}

/**
 * Reads an entry's local header and its data in one read (a second one only when the local
 * extra field is longer than the central one), checking the header agrees with the directory.
 */
export async function readEntry(file: Blob, entry: ZipEntry, dataEnd: number): Promise<EntryData> {
  const { path } = entry;
  const guess = Math.min(
    dataEnd,
    entry.localOffset +
      LOCAL_SIZE +
      entry.nameBytes.length +
      entry.extraLength +
      entry.compressedSize,
  );
  const chunk = await readBytes(file, entry.localOffset, guess);
  if (chunk.length < LOCAL_SIZE) {
    throw new BundleError(
      'truncated',
      `${path}: its local header runs past the end of the zip data.`,
      { path },
    );
  }
  const header = view(chunk);
  if (header.getUint32(0, true) !== LOCAL_SIGNATURE) {
    throw new BundleError('corrupt', `${path}: its local header is missing or damaged.`, { path });
  }
  if (header.getUint16(6, true) & ENCRYPTION_FLAGS) {
    throw new BundleError('unsupported-zip', `${path} is encrypted.`, { path });
  }
  if (header.getUint16(8, true) !== entry.method) {
    throw new BundleError(
      'corrupt',
      `${path}: its local header and the directory disagree on the method.`,
      { path },
    );
  }
  const nameLength = header.getUint16(26, true);
  const extraLength = header.getUint16(28, true);
  const localName = chunk.subarray(LOCAL_SIZE, LOCAL_SIZE + nameLength);
  if (
    localName.length !== entry.nameBytes.length ||
    localName.some((b, i) => b !== entry.nameBytes[i])
  ) {
    throw new BundleError('corrupt', `${path}: its local header names another file.`, { path });
  }
  const start = entry.localOffset + LOCAL_SIZE + nameLength + extraLength;
  const end = start + entry.compressedSize;
  if (end > dataEnd) {
    throw new BundleError('truncated', `${path}: its data runs past the end of the zip data.`, {
      path,
    });
  }
  const raw =
    end <= entry.localOffset + chunk.length
      ? chunk.subarray(start - entry.localOffset, end - entry.localOffset)
      : await readBytes(file, start, end);
  return { start, end, raw };
}

/**
 * An entry's uncompressed bytes. Deflated data is inflated in small steps into a buffer of the
 * declared size, and stopped as soon as it would produce more ('zip-bomb'); less is 'corrupt'.
 */
export function entryContent(
  entry: ZipEntry,
  raw: Uint8Array<ArrayBuffer>,
): Uint8Array<ArrayBuffer> {
  const { path, size } = entry;
  if (entry.method === 0) {
    if (raw.length !== size) {
      throw new BundleError(
        'corrupt',
        `${path}: stored with ${raw.length} bytes but declared as ${size} bytes.`,
        { path },
      );
    }
    return raw;
  }
  const out = new Uint8Array(size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > size) {
      throw new BundleError(
        'zip-bomb',
        `${path} inflates to more than its declared ${size} bytes.`,
        { path, params: { bytes: size } },
      );
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    if (raw.length === 0) inflater.push(raw, true);
    for (let at = 0; at < raw.length; at += INFLATE_STEP) {
      inflater.push(raw.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= raw.length);
    }
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(
      'corrupt',
      `${path}: its compressed data is damaged (${String(error)}).`,
      { path },
    );
  }
  if (written !== size) {
    throw new BundleError(
      'corrupt',
      `${path} inflates to ${written} bytes, not its declared ${size} bytes.`,
      { path },
    );
  }
  return out;
}
