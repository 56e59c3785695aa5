/** Every group of strings kept in its own file; en.ts and ru.ts spread them in. */
import { inventoryWords } from './inventory';
import { expectedWords } from './expected';
import { ownersWords } from './owners';
import { touchesWords } from './touches';
import { statusWords } from './status';
import { catalogueWords } from './catalogue';
import { panelWords } from './panel';
import { chartsWords } from './charts';
import { captureStepsWords } from './capture-steps';
import { bundleImagesWords } from './bundle-images';
import { verifyWords } from './verify';
import { captionWords } from './caption';
import { factsWords } from './facts';
import { overlaysWords } from './overlays';
import { fullPageWords } from './full-page';
import { proofsWords } from './proofs';

/** The groups, for a test to check that no key is defined twice. */
export const WORD_GROUPS = {
  inventory: inventoryWords,
  expected: expectedWords,
  owners: ownersWords,
  touches: touchesWords,
  status: statusWords,
  catalogue: catalogueWords,
  panel: panelWords,
  charts: chartsWords,
  captureSteps: captureStepsWords,
  bundleImages: bundleImagesWords,
  verify: verifyWords,
  caption: captionWords,
  facts: factsWords,
  overlays: overlaysWords,
  fullPage: fullPageWords,
  proofs: proofsWords,
};

export const PART_EN = {
  ...inventoryWords.en,
  ...expectedWords.en,
  ...ownersWords.en,
  ...touchesWords.en,
  ...statusWords.en,
  ...catalogueWords.en,
  ...panelWords.en,
  ...chartsWords.en,
  ...captureStepsWords.en,
  ...bundleImagesWords.en,
  ...verifyWords.en,
  ...captionWords.en,
  ...factsWords.en,
  ...overlaysWords.en,
  ...fullPageWords.en,
  ...proofsWords.en,
};
export const PART_RU = {
  ...inventoryWords.ru,
  ...expectedWords.ru,
  ...ownersWords.ru,
  ...touchesWords.ru,
  ...statusWords.ru,
  ...catalogueWords.ru,
  ...panelWords.ru,
  ...chartsWords.ru,
  ...captureStepsWords.ru,
  ...bundleImagesWords.ru,
  ...verifyWords.ru,
  ...captionWords.ru,
  ...factsWords.ru,
  ...overlaysWords.ru,
  ...fullPageWords.ru,
  ...proofsWords.ru,
};
