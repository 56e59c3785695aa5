/** lib/model's public face: the records' zod schemas (records.ts, method.ts) and their types. */
export * from './records';
export * from './programme';
