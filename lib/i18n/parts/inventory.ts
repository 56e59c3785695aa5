/** Strings of one feature (see ./define.ts). */
import { defineWords } from './define';

export const inventoryWords = defineWords({
  en: {},
  ru: {},
});
