// The citizen face: whose hotline this is (PROVINCE_NAME) and its emblem (PROVINCE_EMBLEM, validated at start-up
// by config/env.ts). /emblem serves the image to the lookup page and to the receipts, which link it from
// BASE_URL; it is public and sits before the session, as /static does.
import { Router } from 'express';
import type { AppDeps } from '../app.js';
import { DEFAULT_EMBLEM_FILE, DEFAULT_PROVINCE_NAME } from '../../config/env.js';

export interface PublicFace {
  provinceName: string;
  /** absolute path of the emblem image */
  emblemFile: string;
}

/** The face of an app built without one (tests that do not care): the .env.example defaults. */
export const DEFAULT_FACE: PublicFace = { provinceName: DEFAULT_PROVINCE_NAME, emblemFile: DEFAULT_EMBLEM_FILE };

export const EMBLEM_PATH = '/emblem';
const EMBLEM_MAX_AGE_MS = 3_600_000;

export function publicFaceRoutes({ face = DEFAULT_FACE }: Pick<AppDeps, 'face'>): Router {
  const router = Router();
  router.get(EMBLEM_PATH, (_req, res, next) => {
    res.sendFile(face.emblemFile, { maxAge: EMBLEM_MAX_AGE_MS }, (err) => err && next(err));
  });
  return router;
}
