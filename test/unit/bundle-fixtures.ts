/**
 * Bundle test fixtures: real tiny images (encoded by Chromium's canvas), header-only images of
 * any size, a realistic DataSet, and a hand-made zip writer for hostile bundles.
 */
import { createHash } from 'node:crypto';
import { deflateSync, unzipSync, zlibSync } from 'fflate';
import { BUNDLE_VERSION, writeBundle } from '../../lib/bundle';
import type { RecordsFile } from '../../lib/bundle/format';
import { pngInflatedSize } from '../../lib/bundle/images';
import {
  legacyProgramme,
  type ActionItem,
  type Audit,
  type Brand,
  type DataSet,
  type ImageMime,
  type Journey,
  type LegacyJourneyBrand,
  type Screenshot,
  type Step,
  type Tombstone,
  type Wave,
} from '../../lib/model';

/** Real images: Chromium canvas output (the ICC profile kept in the JPEGs and the VP8X WebP). */
export const IMAGES_BASE64 = {
  png2x3:
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAAG0lEQVR4AWL6DwQfj/D/Z/p0VIABBJhABAgDAAAA' +
    '//9bSuGSAAAABklEQVQDALhaCI1UX9PoAAAAAElFTkSuQmCC',
  jpeg3x2:
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AAB' +
    'AAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFla' +
    'AAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAA' +
    'AChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1' +
    'AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBh' +
    'cmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAc' +
    'AEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoM' +
    'DAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQU' +
    'FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAACAAMDASIAAhEBAxEB/8QAFQABAQAA' +
    'AAAAAAAAAAAAAAAAAAf/xAAbEAACAwEBAQAAAAAAAAAAAAABBAACAyEFEf/EABUBAQEAAAAAAAAAAAAAAAAAAAcI' +
    '/8QAGhEAAgIDAAAAAAAAAAAAAAAAAAECAzIzcf/aAAwDAQACEQMRAD8AmDzzPpusOOMattsaW22Y3ub6a3sftrWs' +
    'ekkkkk9JMREMZZMrKnXHiP/Z',
  jpeg5x4:
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AAB' +
    'AAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFla' +
    'AAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAA' +
    'AChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1' +
    'AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBh' +
    'cmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAc' +
    'AEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY' +
    'GBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgo' +
    'KCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAEAAUDASIAAhEBAxEB/8QAFQABAQAA' +
    'AAAAAAAAAAAAAAAAAAX/xAAZEAADAQEBAAAAAAAAAAAAAAABAgMAETH/xAAUAQEAAAAAAAAAAAAAAAAAAAAG/8QA' +
    'FBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8Aj2rS9qWvR6Voxd3ckszE9JJPpzMzEIf/2Q==',
  /** 96 × 64, 4:2:0, noise: enough blocks (3 × 2 MCUs … of 16 × 16 px) to cut one off. */
  jpeg96x64:
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AAB' +
    'AAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFla' +
    'AAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAA' +
    'AChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1' +
    'AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBh' +
    'cmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAc' +
    'AEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoM' +
    'DAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQU' +
    'FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCABAAGADASIAAhEBAxEB/8QAGgABAQEB' +
    'AQEBAAAAAAAAAAAABQQDBgcCCP/EAC4QAAICAgEEAgEDAwUBAQAAAAECAxEEEiEABRMxIkEyFFFhI0JxBhUkUoGR' +
    'kv/EABoBAQEBAAMBAAAAAAAAAAAAAAYFBAADCQf/xAAzEQEAAgAEAwUGBgIDAAAAAAABAhEDBBIhADFBIlFhcfAy' +
    'gaGxwdEFEyNS4fFCkRVigv/aAAwDAQACEQMRAD8A/F6QQs+K0RTyY40VZBZlBBpCeSRQCkj1yDwT19p2tcYIZHn8' +
    'ENaI0dfFiu1Bl2O1EEV7B5uwXR2GdXCxy/qHChvEbkJYMaBqjySf5FD6IPVWFhQ4yF4EKRasI4ythWCr8SNjYOoJ' +
    'rgEAG+vtM83iSxiUIEVSTGUuXJUS2iRFluSk3QMTTFyud7JFbfX8+XzNfAM2zxNAzoBEmsaElgdlk+JNUoJqwQNv' +
    'fW8X+npF1YTGSSFwtrrE+23wdtj+Jqj9URre2q9Dg9vy48qSWXY2WjCyRshYtdLqFFMQoN8GqJ/bqntnazkRvIYM' +
    'aWFipkM8mwb8gtuKBChfXJP8H1hw3DmuIykTSXJqtKNO1PPtbC7yORwry+eoakeHn7/Dv8ODMbt+Kj7KBHFJMjuw' +
    'ltGXmjwBQ2C39fkf7aG+N2xJhkDwuQNn8+buRGWClhRJ1/gD3VbfRSfCl7k8kERTGeuNkUP46bgfRJFHg1fs3R6U' +
    'xInhJeWGGMlAGhDhhGQUPq71suTdEA0KrrJL8Qx3EMOMTVFdygFBqy63KdNy59SdKsrmwNUnuv08+vPy7uCj2/IP' +
    'cIpZNYEnLFnVVr2LB2+6pizCrPr6NY7YMvxw+OfImVzG4VFK0Q24232qwXN2B/THBBtuLtKSvMkrNEaEvjHp5DYP' +
    '4LSi6Asj8B6H46y9u8kQUgPCZfLrIvk2QqGLOCD6BI/ixyeB1Il+ITmuLjiFRAUt00bjELW+hEod48KMtmdTFHl/' +
    'Zv8AD4d/Ao7JEYnx5oBCv4rK6NJIKT8wTRDWzAfVk/ypu/R+TLiUlsdUPmLmMBY6AVaJBBYUgvaqJ9ey5FFEuIMd' +
    'VLQUI3OxUqUPJoGjYs2K5W6FcbxdvKx4xGIf1EgWknYmhtsf8A1XPFV7arz5ia4+HiYSEpd1vLlEbteZXKhKNwW4' +
    'GaSNo17qTr1fDy4Nbt7w4wxjKrRyt413kfQiwSCCa4aMrRrlr+6Ona8GGWCVT45YZCskzIG1o/H/ANJ54P43wb5P' +
    'Q5HbclMeMZCzMkiDzRtfjAYD+wFgTQYiiBwDYFnrSbskuVHj4MKxkhwwmJCLGQCKBvgcg/Z+Nf4jYuYx8hiOGYQa' +
    'QBra1qNG19q9zU1JasVW5XORluyvf/Xv+XHkrYsaGJbeWMpu6RLvZtjZv438a51Is+qrrTBxPBM0kxR/E4p1BDBr' +
    'DBmJAqm2r+Cf4Jbjwk/UITG4eQctKSjoVr4KxIK0dCQb5PH3V/b8OZYkMwmedUYo9uyglXH93yJ5B44Ox9KR0h/5' +
    'IcQ/VIxsK1c7jA79+at6h3ea8eeeXzQGlfW/12/rjncbtIwGlyCuJjyipIRjyAfIWv4EG/iPoUBZskdN4HbociFG' +
    '8ZlYSvjIHTfwMADrqQWugBsG+qv7FH+zyMMdlgaUSIqOkZ1NXvwCSBVP+1VyTZpxMPHy4o1inC4kw8n6kgRsACwJ' +
    'JUVQ2UHj3yfo9SjNSZYmFB5c9LFos32NhaJiSQoaapZgZwole7yft9uATgQpGFETRY6w/LHhezIGsgLbCxYHomqN' +
    'g30h2ftDNPCm8awSGLyRRk8qoHoXTcBPjqSNj6rlnHghxZUNucgRqD/TV7Xkaim5YrfFnlTXodWDClxshJvGkRAV' +
    'dJCTWw3JBYgkAtdizZNGuOujFxTX+bVyGNDG0SqsjSQ5DHe+jK3Snyubk7+/n3/Xx9IGJghYo0x4jtNbFn/pIRWw' +
    'ZfJsPjwbFEUOOL6bxcUxT4jRlpe2iXb/AIjgVTBQxCkg8GjxRKfVMDS2FLCsYIx5H/SoVMgrX50BY1AAH0KHyorX' +
    'Vg7cuVlrHmAQxMGW4Ts6EgK42HBoACzXI/bqY/iGFGfb1wLhstb3GQ0xkdNMrrfS0S34WZbOW9/ft6/jfgjt/bJM' +
    'hI8NZoo8oNaKKcrLRAIJF2p2FchbLWaB6TyMOHtMKRuikmYro4CrIoJKkstAV8iDXH3Xvq1sX/jxM7KKbWF4ioEY' +
    'VyOaHLFaO1egDR6Yi7TFk4RSFXSme5ZF1CquzBqrYWW9ENWxHuj1nxsfDJsIuqRh2bhHf2R/dVWuqMe0dmmhdl81' +
    'PDrXuD918du7onAaRydraOMFB8A0nyRJTY9s1iyfQHJ9XyBdvZsGPDlzIx44JdrMiyFlkbfhmIP48qT9gG/8P43b' +
    'HXyIkEnnkIcAbXsQopidtgbjJJ45A4HJvEDJliSTGbxhgxc6h4xercCtms0fQAIH1XXRmcxjfmfk69SqgxJHZvcQ' +
    '1R23200hfZWfCbJ5tgbnv6368/rx4tjdtjyTOzRvYmmUPGdGc1bEAVQIo1Xsr92eqH7GZZIpfLkTT+WPHVlBKFiu' +
    'xH4izRNEg+l5I6Wxe1wQzKxjCxBBIgaMuvJFXXtfQsjg2PRPSE3ZHQrDkRyRxQ62spVtmBC7KBbLwLIHHyJ44JpS' +
    'xZYuH2nVC+fak9kAVDVWkLtk2Fak48+stniyl8vPw9VwLi9seVBklJI8YzCJFhpGkIBUNfo2CV9ccUfd7z/6ciwo' +
    'dDkRVo4EDOw20DA0oYH8DXBHFX6a+hhxG7aHyPH4Z3VrynChFXjarIv5LYFn8h7562PZpR50VP1bsSbmbiSnBIKq' +
    'fkDwdSxNgAAbEdYXM4ZgyYErAss9podKciVVppvZbBRJlc3IN3+T3/P5cuCm/wBPYmLOYFyEaBRsHkjHyRqYKqgf' +
    'EfE/9fV+qPVv+2hMZRjSyyyySrOrQlTJVkAKSf2r7A4HsG+msGE41eLInLJ8XjGjFKZrtwfgDqLAJFeg31d2/C/F' +
    'om8sRn3JjVUMbcuRt/bbEHkn/wAqhjzOM4nYw+aIAptUaI3JjH2twpKdX/ZZl84iC7HX+jv7/dwR27tJj/W/MZKm' +
    'mgtm0LFSVGvJIsnn7GtgdU52LG8k+KY2SPyLIZGNUjbKGA2pFplFNXvj7PTeHhR4CrJ/TMjwrLDLIY1REoWn0Wrd' +
    'RrxVA8c9JRYkWVO1FyzpfjYseGUEB6JoegR+1XXXZLEwWEIYkiLdfuUlYf8Aok9mrTUP7oibK50Z6neL8H7fz4cC' +
    'RQvky46SRyTSK+oRDvsvLMUNg3x+/AIq+QKcTDOUyzxEtkRkHRmQsoJoljVKaH5GyBQ/tvpz/ZRlRYxWBpkReHER' +
    'DBeKa2ovXH1R2JIB46q/SI8TLDMqKu4l1Vtf+1MwutSCp5/E/wCepbncxGWrE5PsoIrUSKbjYN6ltiIt1IVZbPRm' +
    'ER5enfr65nBkGNjtjLO8pMLMjJagK0hI2qzag2Lvgf8A5r7y+2LlynKYSS5WREVl8BIdCCopiKF/kDQJAF1Y6YwM' +
    'CeZIicdZPCIhK3kDHHIYj9z6NX8SPiPZHSWDDkTl4pwkSCEymSuGUMAHSjyDQAFUG+iQesMc5hzXFxB0p1A5b3cm' +
    'IpdG20Vblaq3LY+hp2fXdfm/S+PGsPBYYmVIxja6iLxG/TOSUsehtuAKpQPV11pg9o3x/wBQsmzoxEkytZd6BAGr' +
    'c2rAjaqKkfddL4uJGjDIKIYZyCxabZ9VYM7Dji2vjj8Tf30tLGmTFMuPEZFY6gZIDUBw+n7WCw90B6I99UT8SwMT' +
    'ChDOISw6if5VLeNy/b0kL3psrXnxls4mqUJNPwvp68zgte2wZxkf4iSqORKoJJ2VaIU7ajXkFRwpI4N9bY3apXyg' +
    'q/qcddi8srNr5KIPBA4BJHoa2Pf/AGQh7c00cExV41WBXadmJVltQALTgFmu2HJNeibYxO1zRzTSQybgIyqok8tW' +
    'AGNVxRIPqwCTx6MfJZmOJjXOYq3vRY9rrbpsecULOY2LMvmmKI7H9dPH77cES9ojDSSBZEsuqwRltgSSUDD3XDcA' +
    'VRN9Ux4rr5cVJEcFi4hJ0YnY3wK2sBx9KQV4BI6dfAkUY6BWiWFwNQyKGYrYVHINsNa4og8kWSTRg9nST9T4pZlF' +
    'rE7tHGpBJALBwxPon4mru+QeOYs5wkaNUZN1udbZf5VVRpjtyUNw4UZfN2aV68u/4f693jwJH22WKWSCNZMl4lRi' +
    'wcSM6DgswCbCtTzzRHskL0vhdqd3mZVHj28QbUpGEsiIllDfKmXngA2KJB6oOFApTxYuLFK0ZLzql+O9deLv0OCb' +
    '59Gwel4u2tDhSRTlkMbLJFjyKyOosWo2ADE7DmuAAB6NTbwyCy9kNgTS8tm2LsRLKOW26PC7K5xU7l7t65+Pn6OA' +
    'ou1SYUPjMSBJJPKmOflHIasanbgD4p7oD/51bDF5Z4w2kRLbKFcFpGYmxWw++TqCPZ5vpuLBEtT28MPjO7SNq8ZJ' +
    'IDMRVEWBfAqrAK8XY/bB24CCfxIjqx3f0xBDbGvst/jmrvjqTLHwsxixV/TtBbEistKS6Habl2bLIlEtS3KZvTEB' +
    '9fPlv/RwHj9lkiaWNkBKhoXdm8hUn5AN7IF8egbJAIqukY+yxyRQRwhpJmlUwwC2arYjbbgUCPYPrnj5dKy4EUzI' +
    'mVkGV1ZzLHksUIU6sW9Cm1arujrQBuxcmNFkPDHNEiSGTyA4juhIK1agk+gas0Of3/LDHM5bBiYeKaR2plFd61BR' +
    'sxpd3TLZs2FPl84pqb+j3bX8u/z4/9k=',
  webpLossy3x2:
    'UklGRkQAAABXRUJQVlA4IDgAAADQAQCdASoDAAIAAUAmJagCdLoAAWWAAADicMVvPygR+GELTFl915TgZN/9UMzv' +
    '/mV/+qGZ39TQAA==',
  webpLossless2x3: 'UklGRiIAAABXRUJQVlA4TBYAAAAvAYAAAA9wot3HOV6qdf7DAxMQ0f8I',
  webpExtended3x2:
    'UklGRiYCAABXRUJQVlA4WAoAAAAgAAAAAgAAAQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AAB' +
    'AAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFla' +
    'AAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAA' +
    'AChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1' +
    'AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBh' +
    'cmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAc' +
    'AEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggOAAAANABAJ0BKgMAAgABQCYlqAJ0ugABZYAAAOJw' +
    'xW8/KBH4YQtMWX3XlOBk3/1QzO/+ZX/6oZnf1NAA',
};
export type SampleImage = keyof typeof IMAGES_BASE64;

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
export const IMAGES = Object.fromEntries(
  Object.entries(IMAGES_BASE64).map(([name, text]) => [name, fromBase64(text)]),
) as Record<SampleImage, Uint8Array<ArrayBuffer>>;
/** What each real image is. */
export const IMAGE_FACTS: Record<SampleImage, { mime: ImageMime; width: number; height: number }> =
  {
    png2x3: { mime: 'image/png', width: 2, height: 3 },
    jpeg3x2: { mime: 'image/jpeg', width: 3, height: 2 },
    jpeg5x4: { mime: 'image/jpeg', width: 5, height: 4 },
    jpeg96x64: { mime: 'image/jpeg', width: 96, height: 64 },
    webpLossy3x2: { mime: 'image/webp', width: 3, height: 2 },
    webpLossless2x3: { mime: 'image/webp', width: 2, height: 3 },
    webpExtended3x2: { mime: 'image/webp', width: 3, height: 2 },
  };

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const encode = (text: string) => new TextEncoder().encode(text);
export const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// Header-only images of any size, for the header reader (image-info.test.ts); a bundle import
// refuses them, since it decodes every image whole (see wholePng below).

function concat(...parts: (Uint8Array | number[])[]): Uint8Array<ArrayBuffer> {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) out.set(a, (at += a.length) - a.length);
  return out;
}
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** A PNG signature and IHDR chunk (with its CRC) of the given size, then `tail`. */
export function pngHeader(width: number, height: number, tail: Uint8Array = new Uint8Array()) {
  const ihdr = concat(ascii('IHDR'), be32(width), be32(height), [8, 6, 0, 0, 0]);
  return concat(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    be32(13),
    ihdr,
    be32(crc32(ihdr)),
    tail,
  );
}

/** SOI, an APP0 segment, `padding` bytes of APP1 (EXIF-like), a SOF marker of the size, EOI. */
export function jpegHeader(
  width: number,
  height: number,
  options: { sof?: number; padding?: number; fill?: number } = {},
) {
  const { sof = 0xc0, padding = 0, fill = 0 } = options;
  const app0 = concat([0xff, 0xe0], be16(16), ascii('JFIF'), [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const app1 = padding
    ? concat([0xff, 0xe1], be16(padding + 2), new Uint8Array(padding).fill(0x45))
    : new Uint8Array();
  const frame = concat(
    new Array<number>(fill).fill(0xff),
    [0xff, sof],
    be16(17),
    [8],
    be16(height),
    be16(width),
    [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
  );
  return concat([0xff, 0xd8], app0, app1, frame, [0xff, 0xd9]);
}

export type WebpKind = 'VP8' | 'VP8L' | 'VP8X';
/** A RIFF/WEBP file with one chunk header of the given kind and size (the payload is filler). */
export function webpHeader(kind: WebpKind, width: number, height: number) {
  let chunk: Uint8Array;
  if (kind === 'VP8') {
    const data = concat([0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a], le16(width), le16(height), [0, 0]);
    chunk = concat(ascii('VP8 '), le32(data.length), data);
  } else if (kind === 'VP8L') {
    const bits = (width - 1) | ((height - 1) << 14);
    const data = concat([0x2f], le32(bits >>> 0), [0, 0, 0, 0, 0]);
    chunk = concat(ascii('VP8L'), le32(data.length), data);
  } else {
    const data = concat([0, 0, 0, 0], le24(width - 1), le24(height - 1));
    chunk = concat(ascii('VP8X'), le32(data.length), data);
  }
  return concat(ascii('RIFF'), le32(4 + chunk.length), ascii('WEBP'), chunk);
}

// A realistic DataSet.

/** A valid v4 UUID ending in `n`. */
export const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const HOSTILE = '<img src=x onerror=alert(1)>';

export function screenshotOf(
  id: string,
  touchpointId: string,
  image: Uint8Array,
  thumbnail: Uint8Array,
  extra: Partial<Screenshot> = {},
): { screenshot: Screenshot; blob: Blob } {
  const info = facts(image);
  const thumb = facts(thumbnail);
  return {
    screenshot: {
      id,
      touchpointId,
      mode: 'visible',
      mime: info.mime,
      width: info.width,
      height: info.height,
      bytes: image.length,
      sha256: sha256(image),
      thumbnail: new Blob([thumbnail as Uint8Array<ArrayBuffer>], { type: thumb.mime }),
      createdAt: T0,
      part: 0,
      parts: 1,
      url: 'https://brightline.test/tariffs',
      title: 'Tariffs',
      capturedAt: T0,
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 2,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0',
      fileName: '',
      redacted: false,
      coveredFrames: [],
      annotations: [],
      updatedAt: T0,
      ...extra,
    },
    blob: new Blob([image as Uint8Array<ArrayBuffer>], { type: info.mime }),
  };
}

function facts(bytes: Uint8Array) {
  const name = (Object.keys(IMAGES) as SampleImage[]).find(
    (key) => IMAGES[key].length === bytes.length && IMAGES[key].every((b, i) => b === bytes[i]),
  );
  if (!name) throw new Error('not a sample image');
  return IMAGE_FACTS[name];
}

/**
 * Two audits, one with its own method (a built-in type and template edited, a type, item and
 * custom stage added, a standard); journeys own and competitor, one with a measurement; page and
 * offline steps, one typed with answered checks; screenshots of every image type (two sharing the
 * same bytes), an action and an idea, deletions; Cyrillic and hostile text and a URL of 70,000
 * characters. Records are given out of id order on purpose.
 */
export function sampleDataSet(): DataSet {
  const audits: Audit[] = [
    {
      id: uuid(2),
      name: 'Аудит ШПД — Q1',
      client: 'Брайтлайн',
      defaultTask: 'заказать обратный звонок',
      method: {
        types: [
          {
            id: 'web-form',
            name: '',
            category: 'technology',
            stage: 'contact',
            channel: 'website',
            hidden: false,
          },
          {
            id: uuid(0x61),
            name: 'Звонок менеджера',
            category: 'staff',
            stage: 'Своя стадия',
            channel: 'phone',
            hidden: false,
          },
        ],
        stages: [{ name: 'Своя стадия', after: 'contact' }],
        checklists: [
          {
            id: 'web-form',
            name: '',
            types: ['web-form'],
            stages: [],
            items: [
              { id: 'web-form.thanks', text: '', weight: 3, critical: false },
              { id: uuid(0x62), text: HOSTILE, weight: 10, critical: true },
            ],
            hidden: false,
          },
        ],
        standards: [
          {
            id: 'callback',
            name: '',
            target: 2,
            unit: 'hours',
            measure: 'between',
            answerChannels: ['phone'],
            hidden: false,
          },
        ],
      },
      createdAt: T0,
      updatedAt: T0 + 5,
    },
    {
      id: uuid(1),
      name: HOSTILE,
      client: '"; DROP TABLE audits; --',
      defaultTask: '',
      method: { types: [], stages: [], checklists: [], standards: [] },
      createdAt: T0,
      updatedAt: T0,
    },
  ];
  // Journeys as formats 1–4 held them (brand fields on each), made into brands and first waves
  // exactly as an older bundle reads: the sample is what a version 4 bundle of it reads as.
  const journey = (id: number, auditId: number, extra: Partial<OldJourney>): OldJourney => ({
    id: uuid(id),
    auditId: uuid(auditId),
    brandName: 'Brightline',
    brandDomain: 'brightline.test',
    brandRole: 'own',
    task: 'request a callback',
    persona: 'family',
    entryChannel: 'search',
    auditor: 'Анна Иванова',
    createdAt: T0,
    updatedAt: T0,
    finishedAt: null,
    outcome: null,
    measurements: [],
    ...extra,
  });
  const oldJourneys = [
    journey(0x12, 2, {
      brandName: 'Фаствейв',
      brandRole: 'competitor',
      createdAt: T0 + 86_400_000,
      finishedAt: T0 + 9e5,
      outcome: 'abandoned',
    }),
    journey(0x11, 2, {
      measurements: [
        {
          id: uuid(0x71),
          standardId: 'callback',
          startStepId: uuid(0x21),
          endStepId: null,
          startedAt: T0 + 60_000,
          durationMs: null,
          excused: false,
        },
      ],
    }),
    journey(0x13, 1, { brandName: HOSTILE, auditor: '' }),
  ];
  const { brands, waves, journeys } = programmeOf(audits, oldJourneys);
  // Records no older format has: a benchmark brand and a second wave, used by no journey.
  brands.push({
    id: uuid(0x81),
    auditId: uuid(2),
    name: 'Nordbank',
    domain: 'nordbank.test',
    role: 'benchmark',
    createdAt: T0 + 10,
    updatedAt: T0 + 20,
  });
  waves.push({
    id: uuid(0x82),
    auditId: uuid(2),
    name: `Волна 2 ${HOSTILE}`,
    start: Date.UTC(2026, 1, 1),
    end: Date.UTC(2026, 1, 28),
    createdAt: T0 + 10,
    updatedAt: T0 + 10,
  });
  const step = (id: number, journeyId: number, seq: number, extra: Partial<Step>): Step => ({
    id: uuid(id),
    journeyId: uuid(journeyId),
    seq,
    kind: 'page',
    url: 'https://brightline.test/',
    title: 'Главная',
    at: T0 + seq * 60_000,
    stage: 'information',
    typeId: null,
    category: 'technology',
    channel: 'website',
    checks: [],
    checklists: [],
    experience: 4,
    importance: 7,
    likelihood: 8,
    note: '',
    weakLink: false,
    wow: false,
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 1.25,
    shortened: [],
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  });
  const urlHead = `https://brightline.test/search?q=${'ш'.repeat(10)}&x=`;
  const longUrl = urlHead + 'a'.repeat(70_000 - urlHead.length);
  const touchpoints = [
    step(0x23, 0x11, 2, {
      url: longUrl,
      title: HOSTILE,
      note: `Форма не отправилась.\n${HOSTILE}\u0000\u001f\u2028 🙂`,
      typeId: 'web-form',
      checks: [
        {
          templateId: 'web-form',
          itemId: 'web-form.thanks',
          answer: 'no',
          comment: `Нет страницы «спасибо» ${HOSTILE}`,
          screenshotId: uuid(0x33),
        },
        {
          templateId: 'web-form',
          itemId: uuid(0x62),
          answer: 'na',
          comment: '',
          screenshotId: null,
        },
      ],
      checklists: ['callback-script'],
      experience: 1,
      weakLink: true,
      shortened: [{ field: 'url', length: 2_500_000 }],
    }),
    step(0x21, 0x11, 1, { experience: null, importance: null, likelihood: 0, wow: true }),
    step(0x22, 0x12, 1, {
      kind: 'offline',
      url: null,
      title: 'Звонок в колл-центр',
      stage: 'Своя стадия',
      typeId: uuid(0x61),
      channel: 'phone',
      category: 'staff',
      viewport: null,
      devicePixelRatio: null,
    }),
    step(0x24, 0x13, 1, {}),
  ];
  const shots = [
    screenshotOf(uuid(0x33), uuid(0x23), IMAGES.jpeg3x2, IMAGES.webpLossy3x2, {
      mode: 'full-page',
      part: 1,
      parts: 2,
      url: longUrl,
      title: HOSTILE,
      annotations: [
        { kind: 'box', x: 0, y: 0, width: 2, height: 1, color: 'red' },
        { kind: 'arrow', x1: -5, y1: 1.5, x2: 2, y2: 1, color: 'blue' },
        { kind: 'text', x: 1, y: 1, text: `Здесь ошибка ${HOSTILE}`, color: 'black' },
      ],
      redacted: true,
    }),
    // The same bytes as 0x33: stored once.
    screenshotOf(uuid(0x31), uuid(0x23), IMAGES.jpeg3x2, IMAGES.webpLossy3x2, {
      part: 0,
      parts: 2,
    }),
    screenshotOf(uuid(0x32), uuid(0x21), IMAGES.png2x3, IMAGES.jpeg5x4, { mode: 'element' }),
    screenshotOf(uuid(0x34), uuid(0x22), IMAGES.webpLossless2x3, IMAGES.webpLossless2x3, {
      mode: 'uploaded',
      url: null,
      viewport: null,
      devicePixelRatio: null,
      title: 'Договор',
      fileName: 'договор.pdf.png',
    }),
    screenshotOf(uuid(0x35), uuid(0x24), IMAGES.webpExtended3x2, IMAGES.jpeg5x4, {}),
  ];
  const actionItems: ActionItem[] = [
    {
      id: uuid(0x42),
      touchpointId: uuid(0x23),
      kind: 'action',
      what: `Починить форму ${HOSTILE}`,
      owner: 'Маркетинг',
      due: T0 + 7 * 86_400_000,
      status: 'in-progress',
      metric: 'Доля отправленных форм',
      baseline: '40 %',
      target: '95 %',
      createdAt: T0,
      updatedAt: T0,
    },
    {
      id: uuid(0x41),
      touchpointId: uuid(0x22),
      kind: 'idea',
      what: 'Script for callbacks',
      owner: '',
      due: null,
      status: 'open',
      metric: '',
      baseline: '',
      target: '',
      createdAt: T0,
      updatedAt: T0,
    },
  ];
  const deletions: Tombstone[] = [
    { id: uuid(0x52), table: 'touchpoints', auditId: uuid(2), deletedAt: T0 + 1000 },
    { id: uuid(0x51), table: 'audits', auditId: uuid(0x51), deletedAt: T0 + 2000 },
  ];
  return {
    audits,
    brands,
    waves,
    journeys,
    touchpoints,
    screenshots: shots.map((s) => s.screenshot),
    actionItems,
    images: shots.map((s) => ({ id: s.screenshot.id, blob: s.blob })).reverse(),
    deletions,
  };
}

/** A journey as formats 1–4 held it: the brand's name, domain and role on it. */
export type OldJourney = Omit<Journey, 'brandId' | 'waveId'> & LegacyJourneyBrand;

/**
 * Brands, first waves and journeys made from journeys of formats 1–4, per audit (as an older
 * bundle reads and a database upgraded in place makes them).
 */
export function programmeOf(audits: readonly Audit[], old: readonly OldJourney[]) {
  const brands: Brand[] = [];
  const waves: Wave[] = [];
  const brandOf = new Map<string, string>();
  const waveOf = new Map<string, string>();
  for (const audit of audits) {
    const made = legacyProgramme(
      audit.id,
      old.filter((j) => j.auditId === audit.id),
      audit.createdAt,
    );
    brands.push(...made.brands);
    waves.push(...made.waves);
    made.brandOf.forEach((brand, journey) => brandOf.set(journey, brand));
    made.waveOf.forEach((wave, journey) => waveOf.set(journey, wave));
  }
  const journeys: Journey[] = old.map(
    ({ brandName: _n, brandDomain: _d, brandRole: _r, ...rest }) => ({
      ...rest,
      brandId: brandOf.get(rest.id)!,
      waveId: waveOf.get(rest.id)!,
    }),
  );
  return { brands, waves, journeys };
}

/**
 * What a data set reads as once written in an older format and read again: the brands and waves
 * its journeys use (made again from their names by legacyProgramme), the others gone.
 */
export function asOlderReads(data: DataSet): DataSet {
  return { ...data, ...programmeOf(data.audits, oldJourneysOf(data)) };
}

/** The journeys of a data set as formats 1–4 held them. */
export function oldJourneysOf(data: DataSet): OldJourney[] {
  return data.journeys.map(({ brandId, waveId: _w, ...rest }) => {
    const brand = data.brands.find((b) => b.id === brandId)!;
    if (brand.role === 'benchmark') throw new Error('formats 1–4 have no benchmark brands');
    return {
      ...rest,
      brandName: brand.name,
      brandDomain: brand.domain,
      brandRole: brand.role,
    };
  });
}

export const SAMPLE_OPTIONS = {
  scope: { kind: 'all' },
  includes: { identity: true, userAgent: true, fileNames: true },
  now: T0 + 3_600_000,
} as const;

const byId = <T extends { id: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The records of a DataSet without Blobs, tables sorted by id: what must survive a round trip. */
export function plainRecords(data: DataSet) {
  return {
    audits: byId(data.audits),
    brands: byId(data.brands),
    waves: byId(data.waves),
    journeys: byId(data.journeys),
    touchpoints: byId(data.touchpoints),
    screenshots: byId(data.screenshots).map(({ thumbnail: _, ...rest }) => rest),
    actionItems: byId(data.actionItems),
    deletions: byId(data.deletions),
  };
}

export async function blobBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

// Hand-made zips.

export interface RawEntry {
  name: string;
  /** The bytes as they lie in the zip (deflated already when method is 8). */
  payload: Uint8Array;
  method?: number;
  /** Declared uncompressed size (default: the payload length). */
  size?: number;
  /** Declared compressed size (default: the payload length). */
  compressedSize?: number;
  flags?: number;
  crc?: number;
  /** A different name in the local header. */
  localName?: string;
  /** Raw name bytes (for names that are not UTF-8). */
  nameBytes?: Uint8Array;
  /** The local header offset the central directory gives (default: where it really is). */
  offset?: number;
}

export function stored(name: string, bytes: Uint8Array): RawEntry {
  return { name, payload: bytes, method: 0, size: bytes.length, crc: crc32(bytes) };
}
export function deflated(name: string, bytes: Uint8Array): RawEntry {
  return { name, payload: deflateSync(bytes), method: 8, size: bytes.length, crc: crc32(bytes) };
}

/** A zip file, byte by byte, with every field under the test's control. */
export function rawZip(entries: RawEntry[], end: { count?: number } = {}): Uint8Array<ArrayBuffer> {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = entry.nameBytes ?? encode(entry.name);
    const localName = entry.localName === undefined ? name : encode(entry.localName);
    const method = entry.method ?? 0;
    const flags = entry.flags ?? 0;
    const crc = entry.crc ?? 0;
    const compressed = entry.compressedSize ?? entry.payload.length;
    const size = entry.size ?? entry.payload.length;
    const common = [
      ...le16(flags),
      ...le16(method),
      0,
      0,
      0x21,
      0,
      ...le32(crc),
      ...le32(compressed),
      ...le32(size),
    ];
    const local = concat(
      le32(0x04034b50),
      le16(20),
      common,
      le16(localName.length),
      le16(0),
      localName,
      entry.payload,
    );
    centrals.push(
      concat(
        le32(0x02014b50),
        le16(20),
        le16(20),
        common,
        le16(name.length),
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        le32(entry.offset ?? offset),
        name,
      ),
    );
    locals.push(local);
    offset += local.length;
  }
  const directory = concat(...centrals);
  const count = end.count ?? entries.length;
  return concat(
    ...locals,
    directory,
    le32(0x06054b50),
    [0, 0, 0, 0],
    le16(count),
    le16(count),
    le32(directory.length),
    le32(offset),
    [0, 0],
  );
}

/** A bundle's files by path, in zip order. */
export type BundleFiles = Map<string, Uint8Array>;

/** The files of a bundle written from the sample DataSet. */
export async function sampleFiles(data: DataSet = sampleDataSet()): Promise<BundleFiles> {
  const blob = await writeBundle(data, { ...SAMPLE_OPTIONS });
  return new Map(Object.entries(unzipSync(await blobBytes(blob))));
}

/** A manifest listing `files` (all but the manifest) with their real hashes and sizes. */
export function manifestFor(files: BundleFiles, patch: Record<string, unknown> = {}): Uint8Array {
  const listed = [...files]
    .filter(([path]) => path !== 'manifest.json')
    .map(([path, bytes]) => ({ path, sha256: sha256(bytes), bytes: bytes.length }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return encode(
    JSON.stringify({
      format: 'touchpoint-audit-bundle',
      version: BUNDLE_VERSION,
      createdAt: SAMPLE_OPTIONS.now,
      generator: 'Touchpoint Audit',
      files: listed,
      ...patch,
    }),
  );
}

/**
 * Zips `files` as the writer would (JSON deflated, images stored). With `fixManifest` (default) the
 * manifest is rebuilt from the files, so a test changes exactly one thing.
 */
export function pack(files: BundleFiles, options: { fixManifest?: boolean } = {}): Blob {
  return new Blob([rawZip(entriesOf(files, options))]);
}

/** The zip entries `pack` would write, for a test to change one of them. */
export function entriesOf(files: BundleFiles, options: { fixManifest?: boolean } = {}): RawEntry[] {
  const out = new Map(files);
  if (options.fixManifest ?? true) out.set('manifest.json', manifestFor(out));
  return [...out].map(([path, bytes]) =>
    path.endsWith('.json') ? deflated(path, bytes) : stored(path, bytes),
  );
}

export function recordsOf(files: BundleFiles): RecordsFile {
  return JSON.parse(decode(files.get('records.json')!)) as RecordsFile;
}

/** The files with records.json edited (the manifest is fixed by `pack`). */
export function withRecords(files: BundleFiles, edit: (records: RecordsFile) => void): BundleFiles {
  const records = recordsOf(files);
  edit(records);
  return new Map(files).set('records.json', encode(JSON.stringify(records)));
}

/** The path of a screenshot's image in the bundle. */
export function imagePathOf(screenshot: { sha256: string; mime: ImageMime }): string {
  const ext = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png' }[screenshot.mime];
  return `images/${screenshot.sha256}.${ext}`;
}

/** The fields format version 2 added, by table: what the records of a version 1 bundle lack. */
export const VERSION_2_FIELDS = {
  audits: ['method'],
  journeys: ['measurements'],
  touchpoints: ['typeId', 'checks', 'checklists'],
  actionItems: ['kind', 'metric', 'baseline', 'target'],
} as const;

/** The fields format version 4 added, by table: what the records of versions 1–3 lack. */
export const VERSION_4_FIELDS = {
  screenshots: ['coveredFrames'],
} as const;

/**
 * The files as an older format version wrote them: that version in the manifest and records.json,
 * records without the fields and tables later versions added (journeys carry their brand's name,
 * domain and role instead of brandId and waveId; `edit` may change them further). Pack with
 * `fixManifest: false`.
 */
export function asVersion(
  version: 1 | 2 | 3 | 4,
  files: BundleFiles,
  edit: (records: Record<string, Record<string, unknown>[]>) => void = () => {},
): BundleFiles {
  const older = withRecords(files, (records) => {
    const raw = records as unknown as Record<string, unknown>;
    raw.version = version;
    const added: Record<string, readonly string[]> =
      version === 1
        ? { ...VERSION_2_FIELDS, ...VERSION_4_FIELDS }
        : version < 4
          ? VERSION_4_FIELDS
          : {};
    for (const [table, fields] of Object.entries(added)) {
      for (const record of raw[table] as Record<string, unknown>[]) {
        for (const field of fields) delete record[field];
      }
    }
    const brands = new Map(records.brands.map((brand) => [brand.id, brand]));
    raw.journeys = records.journeys.map(({ brandId, waveId: _w, ...journey }) => {
      const brand = brands.get(brandId)!;
      // The brand fields where format 4 had them: after auditId.
      const { id, auditId, ...rest } = journey;
      return {
        id,
        auditId,
        brandName: brand.name,
        brandDomain: brand.domain,
        brandRole: brand.role,
        ...rest,
      };
    });
    delete raw.brands;
    delete raw.waves;
    edit(raw as Record<string, Record<string, unknown>[]>);
  });
  return older.set('manifest.json', manifestFor(older, { version }));
}

/** The files as format version 1 wrote them (see asVersion). */
export function asVersion1(
  files: BundleFiles,
  edit: (records: Record<string, Record<string, unknown>[]>) => void = () => {},
): BundleFiles {
  return asVersion(1, files, edit);
}

// Whole images of any size, and images damaged on purpose (test/unit/bundle-images.test.ts).

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const body = concat(ascii(type), data);
  return concat(be32(data.length), body, be32(crc32(body)));
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngOptions {
  /** Colour type (default 6, RGBA) and bit depth (default 8). */
  colour?: 0 | 2 | 4 | 6;
  depth?: 1 | 8 | 16;
  interlaced?: boolean;
  /** Split the compressed pixels over this many IDAT chunks (default 1). */
  idats?: number;
  /** The zlib stream of the pixels (default: made by `deflate` from rows of zeros). */
  zlib?: Uint8Array;
  /** Makes the zlib stream of the raw pixel bytes (default fflate zlibSync). */
  deflate?: (raw: Uint8Array) => Uint8Array;
}

/** A whole, valid PNG of any size: every pixel 0 (so it deflates to almost nothing). */
export function wholePng(width: number, height: number, options: PngOptions = {}) {
  const { colour = 6, depth = 8, interlaced = false, idats = 1 } = options;
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colour];
  const zlib =
    options.zlib ??
    (options.deflate ?? ((raw) => zlibSync(raw, { level: 9 })))(
      new Uint8Array(pngInflatedSize(width, height, channels * depth, interlaced)),
    );
  const ihdr = concat(be32(width), be32(height), [depth, colour, 0, 0, interlaced ? 1 : 0]);
  const step = Math.ceil(zlib.length / idats);
  const chunks = Array.from({ length: idats }, (_, i) =>
    pngChunk('IDAT', zlib.subarray(i * step, (i + 1) * step)),
  );
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...chunks,
    pngChunk('IEND', new Uint8Array()),
  );
}

/** The files with screenshot `index`'s image replaced by `bytes` (its record made to match). */
export function withImage(
  files: BundleFiles,
  index: number,
  bytes: Uint8Array,
  size: { width: number; height: number; mime: ImageMime },
): { files: BundleFiles; path: string } {
  const old = imagePathOf(recordsOf(files).screenshots[index]!);
  const out = withRecords(files, (r) =>
    Object.assign(r.screenshots[index]!, {
      ...size,
      sha256: sha256(bytes),
      bytes: bytes.length,
    }),
  );
  const path = imagePathOf({ sha256: sha256(bytes), mime: size.mime });
  const used = recordsOf(out).screenshots.flatMap((s) => [
    imagePathOf(s),
    imagePathOf(s.thumbnail),
  ]);
  if (!used.includes(old)) out.delete(old);
  out.set(path, bytes);
  return { files: out, path };
}
