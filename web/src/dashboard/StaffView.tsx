import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { StaffMember, StaffRole } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field } from '../shared/Field.js';

const ROLES: StaffRole[] = ['door', 'promoter', 'manager', 'owner'];

/**
 * The venue's staff: invite a member with a role and a first password, and
 * (owners, API.md v1.1) disable one, which ends their sessions at once.
 */
export function StaffView({ api, me }: { api: Endpoints; me: { id: string; role: StaffRole } }) {
  const { t } = useI18n();
  const [members, setMembers] = useState<StaffMember[]>([]);
  const [disabled, setDisabled] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setMembers((await api.staff()).items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api]);
  useEffect(() => { void load(); }, [load]);

  const disable = async (member: StaffMember) => {
    setError(null);
    try {
      await api.disableStaff(member.id);
      setDisabled((set) => new Set(set).add(member.id));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <div className="setup-grid">
      <section className="panel" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <ErrorBanner error={error} onRetry={() => void load()} />
        <ul className="plain-list" data-testid="staff-list">
          {members.map((m) => (
            <li key={m.id} className="list-row">
              <div>
                <strong>{m.name}</strong> <span className="chip">{t(`role.${m.role}`)}</span>
                <div className="muted small">{m.email}{m.id === me.id ? ` · ${t('staff.you')}` : ''}</div>
                {disabled.has(m.id) && <div className="small" role="status">{t('staff.disabled')}</div>}
              </div>
              {me.role === 'owner' && m.id !== me.id && !disabled.has(m.id) && (
                <ConfirmButton className="button button-danger button-small" confirmLabel={t('staff.disableConfirm')} onConfirm={() => void disable(m)}>
                  {t('staff.disable')}
                </ConfirmButton>
              )}
            </li>
          ))}
        </ul>
      </section>
      <InviteForm api={api} myRole={me.role} onCreated={() => void load()} />
    </div>
  );
}

function InviteForm({ api, myRole, onCreated }: { api: Endpoints; myRole: StaffRole; onCreated(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('door');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.createStaff({ name: name.trim(), email: email.trim(), role, password });
      setName('');
      setEmail('');
      setPassword('');
      onCreated();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel editor-form" onSubmit={(e) => void submit(e)} aria-labelledby="invite-title">
      <h2 id="invite-title">{t('staff.new')}</h2>
      <div className="form-grid">
        <Field label={t('staff.name')} error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('staff.email')} error={errors.email}>
          {(p) => <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label={t('staff.role')} error={errors.role}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              {ROLES.filter((r) => r !== 'owner' || myRole === 'owner').map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('staff.password')} error={errors.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} required />}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('common.saving') : t('staff.create')}</button>
    </form>
  );
}
