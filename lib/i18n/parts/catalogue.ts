/** Strings of one feature (see ./define.ts). */
import { defineWords } from './define';

export const catalogueWords = defineWords({
  en: {},
  ru: {},
});
