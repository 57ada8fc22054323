// Area catalogues, merged over the core vi.ts/en.ts. Add your area's file here (one line).
import type { AreaCatalogue } from '../index.js';

export const AREA_CATALOGUES: AreaCatalogue[] = [];
