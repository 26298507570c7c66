import type { Direction, Me } from '../api/types.js';
import { readJson, STORAGE_KEYS, writeJson } from '../shared/storage.js';

export type ScannerIdentity = Extract<Me, { kind: 'device' }>['device'];

/** What the scanner remembers besides its token, so it starts even without a connection. */
export interface ScannerSettings {
  device: ScannerIdentity | null;
  gate: string;
  direction: Direction;
  cameraOn: boolean;
  /** How long a scan waits for the server before the phone decides it from its door data. */
  offlineAfterMs: number;
}

const DEFAULTS: ScannerSettings = { device: null, gate: '', direction: 'entry', cameraOn: false, offlineAfterMs: 700 };

export const loadSettings = (): ScannerSettings => ({ ...DEFAULTS, ...readJson<Partial<ScannerSettings>>(STORAGE_KEYS.scannerSettings, {}) });
export const saveSettings = (settings: ScannerSettings) => writeJson(STORAGE_KEYS.scannerSettings, settings);
