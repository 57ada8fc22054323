// The faces of issue 15: the citizen's (lookup page and receipt header) and the home page per role.
import type { AreaCatalogue } from '../index.js';

export const facesCatalogue: AreaCatalogue = {
  vi: {
    'face.emblem_alt': 'Biểu trưng {name}',
  },
  en: {
    'face.emblem_alt': 'Emblem of {name}',
  },
};
