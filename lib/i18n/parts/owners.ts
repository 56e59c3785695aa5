/** Strings of one feature (see ./define.ts). */
import { defineWords } from './define';

export const ownersWords = defineWords({
  en: {},
  ru: {},
});
