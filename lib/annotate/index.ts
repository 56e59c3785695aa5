/** The lib/annotate room's public face (the code is in annotation-geometry.ts). */
export * from './annotation-geometry';
