/** The lib/services room's public face (the code is in wiring.ts). */
export * from './wiring';
