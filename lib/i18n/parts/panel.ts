/** Strings of one feature (see ./define.ts). */
import { defineWords } from './define';

export const panelWords = defineWords({
  en: {},
  ru: {},
});
