import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiClient, ApiError, describeError } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';
import { useI18n } from '../i18n/index.js';
import { readText, STORAGE_KEYS, writeText } from '../shared/storage.js';
import { takeEnrolmentToken } from './enrolment.js';
import { EnrolScreen } from './EnrolScreen.js';
import { ScanScreen } from './ScanScreen.js';
import { loadSettings, saveSettings, type ScannerSettings } from './settings.js';

type Phase =
  | { kind: 'checking' } | { kind: 'enrol'; error: string | null } | { kind: 'ready' }
  /** An enrolment link opened on a phone that is already a scanner: ask before replacing it. */
  | { kind: 'replace'; token: string; current: string };

/**
 * The door person's scanner at /scan/: enrolment with a device token (kept in
 * localStorage), then scanning. A scanner that was enrolled before starts
 * straight away, even offline, and checks its token in the background.
 */
export function ScannerApp() {
  const { t } = useI18n();
  const REVOKED = t('scanner.revoked');
  const [settings, setSettings] = useState<ScannerSettings>(loadSettings);
  const [phase, setPhase] = useState<Phase>(() =>
    readText(STORAGE_KEYS.scannerToken) && loadSettings().device ? { kind: 'ready' } : { kind: 'checking' });
  const [busy, setBusy] = useState(false);
  const api = useMemo(() => endpoints(new ApiClient(() => readText(STORAGE_KEYS.scannerToken))), []);

  const updateSettings = useCallback((next: ScannerSettings) => {
    saveSettings(next);
    setSettings(next);
  }, []);

  /** Checks a token with GET /v1/me and keeps it when it belongs to a scanner. */
  const enrol = useCallback(async (token: string) => {
    setBusy(true);
    try {
      const me = await endpoints(new ApiClient(() => token)).me();
      if (me.kind !== 'device') {
        setPhase({ kind: 'enrol', error: t('scanner.staffToken') });
        return;
      }
      writeText(STORAGE_KEYS.scannerToken, token);
      const current = loadSettings();
      updateSettings({ ...current, device: me.device, gate: current.device?.id === me.device.id ? current.gate : me.device.gate });
      setPhase({ kind: 'ready' });
    } catch (error) {
      setPhase({ kind: 'enrol', error: error instanceof ApiError && error.status === 401 ? t('scanner.askNewToken') : describeError(error, t) });
    } finally {
      setBusy(false);
    }
  }, [updateSettings, t]);

  const forget = useCallback((error: string | null) => {
    writeText(STORAGE_KEYS.scannerToken, null);
    updateSettings({ ...loadSettings(), device: null });
    setPhase({ kind: 'enrol', error });
  }, [updateSettings]);

  /** At start: an enrolled scanner keeps working offline; only a refused token (401) sends it back to enrolment. */
  const recheck = useCallback(async () => {
    try {
      const me = await api.me();
      if (me.kind !== 'device') return forget(null);
      const current = loadSettings();
      updateSettings({ ...current, device: me.device });
      setPhase({ kind: 'ready' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) forget(REVOKED);
      else if (!loadSettings().device) setPhase({ kind: 'enrol', error: describeError(error, t) });
    }
  }, [api, forget, updateSettings, REVOKED, t]);

  /** A link's token: enrolled at once on a fresh phone; on a phone that is another scanner, only once confirmed. */
  const fromLink = useCallback((token: string) => {
    const current = loadSettings().device;
    const held = readText(STORAGE_KEYS.scannerToken);
    if (held && current && held !== token) setPhase({ kind: 'replace', token, current: current.name });
    else void enrol(token);
  }, [enrol]);

  useEffect(() => {
    const linked = takeEnrolmentToken();
    if (linked) fromLink(linked);
    else if (readText(STORAGE_KEYS.scannerToken)) void recheck();
    else setPhase({ kind: 'enrol', error: null });
    // An enrolment link opened while the scanner is already open changes only the fragment.
    const onHash = () => {
      const token = takeEnrolmentToken();
      if (token) fromLink(token);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [fromLink, recheck]);

  if (phase.kind === 'replace') {
    return (
      <EnrolScreen
        busy={busy} error={null} onEnrol={(t) => void enrol(t)}
        replacing={{ current: phase.current, onConfirm: () => void enrol(phase.token), onKeep: () => setPhase({ kind: 'ready' }) }}
      />
    );
  }
  if (phase.kind === 'ready' && settings.device) {
    return (
      <ScanScreen
        api={api}
        device={settings.device}
        settings={settings}
        onSettingsChange={updateSettings}
        onUnauthorized={() => forget(REVOKED)}
        onUnenrol={() => forget(null)}
      />
    );
  }
  if (phase.kind === 'checking') return <main className="enrol"><p className="muted">{t('scanner.checking')}</p></main>;
  return <EnrolScreen busy={busy} error={phase.kind === 'enrol' ? phase.error : null} onEnrol={(t) => void enrol(t)} />;
}
