/** The lib/privacy room's public face (the code is in masking.ts). */
export * from './masking';
