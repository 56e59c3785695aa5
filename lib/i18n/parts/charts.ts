/** Strings of one feature (see ./define.ts). */
import { defineWords } from './define';

export const chartsWords = defineWords({
  en: {},
  ru: {},
});
