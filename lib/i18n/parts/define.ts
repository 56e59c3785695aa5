/**
 * A group of strings kept in its own file (one feature's words), English and Russian side by side;
 * en.ts and ru.ts spread every group in. The type makes the Russian keys the English ones.
 */
export function defineWords<const E extends Record<string, string>>(words: {
  en: E;
  ru: Record<keyof E, string>;
}): { en: E; ru: Record<keyof E, string> } {
  return words;
}
