/** The lib/geometry room's public face (the code is in rects.ts). */
export * from './rects';
