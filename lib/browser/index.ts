/** The lib/browser room's public face (the code is in extension-api.ts). */
export * from './extension-api';
