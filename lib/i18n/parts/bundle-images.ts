/** Strings of an import refused for one of its images (see lib/bundle/images.ts and ./define.ts). */
import { defineWords } from './define';

export const bundleImagesWords = defineWords({
  en: {
    'bundle_image-too-large':
      'The image {path} in the bundle is {width} × {height} px, larger than Touchpoint Audit ever stores (up to {maxSide} px per side and {maxMegapixels} megapixels).',
    'bundle_undecodable-image':
      'The image {path} in the bundle is cut short or damaged and cannot be shown whole. Export the bundle again from the original.',
  },
  ru: {
    'bundle_image-too-large':
      'Изображение {path} в пакете имеет размер {width} × {height} пикс. — больше, чем Touchpoint Audit вообще хранит (до {maxSide} пикс. по стороне и до {maxMegapixels} мегапикселей).',
    'bundle_undecodable-image':
      'Изображение {path} в пакете обрезано или повреждено и не может быть показано целиком. Экспортируйте пакет заново из оригинала.',
  },
});
