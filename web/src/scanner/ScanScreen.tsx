import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { ScanAnswer } from '../api/types.js';
import { LanguageSwitch, useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { answerViewOf, type AnswerView } from './answerView.js';
import { CameraView } from './CameraView.js';
import { DirectionToggle } from './DirectionToggle.js';
import { signal, unlockAudio } from './feedback.js';
import { GateField } from './GateField.js';
import { FindByName } from './FindByName.js';
import { ManualCodeForm } from './ManualCodeForm.js';
import { CheckingOverlay } from './CheckingOverlay.js';
import { DoorStatusLine } from './DoorStatusLine.js';
import { NeedsLookList } from './NeedsLookList.js';
import { OfflineDeadlineField } from './OfflineDeadlineField.js';
import { RecentScansList, type RecentScan } from './RecentScansList.js';
import { ScanAnswerOverlay } from './ScanAnswerOverlay.js';
import type { ScannerIdentity, ScannerSettings } from './settings.js';
import { UndoLastScan, type LastAdmission } from './UndoLastScan.js';
import { useScanQueue, type ScanInput, type ScanOutcome, type SentScan } from './useScanQueue.js';

/** A code held in front of the camera is one scan: the same text is ignored until it has been out of sight this long. */
const SAME_CODE_QUIET_MS = 3_000;
const RECENT_LIMIT = 20;

export function ScanScreen({ api, device, settings, onSettingsChange, onUnauthorized, onUnenrol }: {
  api: Endpoints;
  device: ScannerIdentity;
  settings: ScannerSettings;
  onSettingsChange(settings: ScannerSettings): void;
  /** The token stopped working (revoked): back to enrolment. */
  onUnauthorized(): void;
  onUnenrol(): void;
}) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<AnswerView | null>(null);
  const [lastAdmission, setLastAdmission] = useState<LastAdmission | null>(null);
  const [recent, setRecent] = useState<RecentScan[]>([]);
  const [recentError, setRecentError] = useState<string | null>(null);
  const lastCameraCode = useRef<{ text: string; at: number } | null>(null);

  // The log is read when the screen opens and after an undo; otherwise each
  // answer joins the list itself. Reading it after every scan cost a log
  // query per scan: 8 phones on a 283k-row log fell from 864 to 13 scans/s.
  const refreshRecent = useCallback(async () => {
    try {
      const page = await api.scans({ deviceId: device.id, limit: RECENT_LIMIT });
      setRecent((shown) => mergeRecent(page.items, shown));
      setRecentError(null);
    } catch (error) {
      setRecentError(describeError(error, t));
    }
  }, [api, device.id, t]);
  useEffect(() => {
    void refreshRecent();
  }, [refreshRecent]);

  /** The scan in front of the door person: only its answer may take the screen. */
  const current = useRef<string | null>(null);
  const onOutcome = useCallback((outcome: ScanOutcome) => {
    const { request } = outcome;
    const answer = outcome.kind === 'answer' ? outcome.answer : outcome.kind === 'offline' ? outcome.decision.answer : null;
    // A later answer replaces the phone's own in the list (it carried the nonce as its id until then).
    if (answer) setRecent((shown) => mergeRecent(shown.filter((item) => item.scanId !== request.nonce), [recentOf(answer, request, device.gate)]));
    if ((outcome.kind === 'answer' && outcome.late) || request.nonce !== current.current) return;
    const view = answerViewOf(outcome, t);
    setAnswer(view);
    if (view.admission) setLastAdmission({ ...view.admission, at: Date.now() });
    signal(view.tone === 'error' ? 'deny' : view.tone);
  }, [device.gate, t]);

  const { status, checking, submit: send, uploadNow, dismissLook } = useScanQueue({
    api, eventId: device.eventId, offlineAfterMs: settings.offlineAfterMs, onOutcome, onUnauthorized,
  });
  const submit = useCallback((input: ScanInput) => {
    setAnswer(null);
    current.current = send(input);
  }, [send]);
  const gate = settings.gate.trim() || device.gate;

  const onCameraCode = useCallback((text: string) => {
    const now = Date.now();
    const last = lastCameraCode.current;
    lastCameraCode.current = { text, at: now };
    if (last && last.text === text && now - last.at < SAME_CODE_QUIET_MS) return;
    submit({ code: text, direction: settings.direction, gate, manual: false });
  }, [submit, settings.direction, gate]);

  const dismiss = useCallback(() => setAnswer(null), []);

  return (
    <div className={`scanner direction-mode-${settings.direction}`} onPointerDown={unlockAudio} onKeyDown={unlockAudio}>
      <header className="scanner-top">
        <div className="brand">Maguey Pass <span>{t('common.brandScanner')}</span></div>
        <div className="scanner-device" data-testid="scanner-device">{device.name}</div>
        <LanguageSwitch />
      </header>
      {settings.direction === 'exit' && <div className="exit-banner" role="status">{t('scan.exitMode')}</div>}
      <div className="scanner-controls">
        <DirectionToggle value={settings.direction} onChange={(direction) => onSettingsChange({ ...settings, direction })} />
        <GateField value={settings.gate || device.gate} defaultGate={device.gate} onChange={(g) => onSettingsChange({ ...settings, gate: g })} />
      </div>
      <DoorStatusLine status={status} onUpload={() => void uploadNow()} />
      <NeedsLookList looks={status.looks} onDone={(nonce) => void dismissLook(nonce)} />
      <CameraView
        onCode={onCameraCode}
        autoStart={settings.cameraOn}
        onRunningChange={(cameraOn) => cameraOn !== settings.cameraOn && onSettingsChange({ ...settings, cameraOn })}
      />
      {lastAdmission && <UndoLastScan api={api} admission={lastAdmission} onUndone={() => void refreshRecent()} />}
      <ManualCodeForm onSubmit={(code) => submit({ code, direction: settings.direction, gate, manual: true })} />
      {device.eventId && (
        <FindByName api={api} eventId={device.eventId} onPick={(subjectId) => submit({ subjectId, direction: settings.direction, gate, manual: true })} />
      )}
      <RecentScansList items={recent} error={recentError} />
      <OfflineDeadlineField value={settings.offlineAfterMs} onChange={(offlineAfterMs) => onSettingsChange({ ...settings, offlineAfterMs })} />
      <footer className="scanner-footer">
        <ConfirmButton className="button button-quiet" confirmLabel={t('scan.forgetConfirm')} onConfirm={onUnenrol}>
          {t('scan.forget')}
        </ConfirmButton>
      </footer>
      {answer ? <ScanAnswerOverlay key={answer.id} view={answer} onDismiss={dismiss} /> : checking !== null && checking === current.current && <CheckingOverlay />}
    </div>
  );
}

/** This scanner's own answer as a log item: the list shows it without reading the log again. */
const recentOf = (answer: ScanAnswer, request: SentScan, deviceGate: string): RecentScan => ({
  ...answer, eventId: answer.event?.id ?? null, deviceId: null, deviceName: null, staffId: null,
  direction: request.direction, gate: request.gate ?? deviceGate, manual: request.manual ?? false, annulledAt: null,
});

/** Newest first, each scan once (a replayed answer repeats its scanId), at most RECENT_LIMIT. */
function mergeRecent(a: RecentScan[], b: RecentScan[]): RecentScan[] {
  const byId = new Map([...a, ...b].map((item) => [item.scanId, item]));
  return [...byId.values()].sort((x, y) => y.recordedAt.localeCompare(x.recordedAt)).slice(0, RECENT_LIMIT);
}
