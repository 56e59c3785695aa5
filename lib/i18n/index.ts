/** The lib/i18n room's public face (the code is in translate.ts). */
export * from './translate';
