import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { Guest, GuestList } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ConfirmButton } from '../shared/ConfirmButton.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field, toIso } from '../shared/Field.js';
import { formatClock } from '../shared/format.js';

const PLUS_ONES = Array.from({ length: 11 }, (_, n) => n);

/**
 * Guest lists of the night: a promoter's own (the API shows them nothing
 * else), all of them for owners and managers. Open one to add guests with
 * plus-ones and copy each guest's link to their QR.
 */
export function GuestListsView({ api, eventId }: { api: Endpoints; eventId: string }) {
  const { t } = useI18n();
  const [lists, setLists] = useState<GuestList[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setLists((await api.guestLists(eventId)).items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, eventId]);
  useEffect(() => { void load(); }, [load]);
  const open = lists.find((l) => l.id === openId) ?? null;

  return (
    <div className="setup-grid">
      <section className="panel" aria-labelledby="guest-lists-title">
        <h2 id="guest-lists-title">{t('guests.lists')}</h2>
        <ErrorBanner error={error} onRetry={() => void load()} />
        {lists.length === 0 && !error && <p className="muted">{t('guests.noLists')}</p>}
        <ul className="plain-list" data-testid="guest-lists">
          {lists.map((list) => (
            <li key={list.id} className="list-row">
              <div>
                <strong>{list.name}</strong>
                <div className="muted small">
                  {list.capacity === null ? t('guests.people', { n: list.people }) : t('guests.peopleOf', { n: list.people, capacity: list.capacity })}
                  {' · '}{t('guests.checkedIn', { n: list.checkedIn })}
                  {list.admitUntil ? ` · ${t('guests.until', { time: formatClock(list.admitUntil) })}` : ''}
                  {list.promoterName ? ` · ${list.promoterName}` : ''}
                </div>
              </div>
              <button type="button" className="button button-small" aria-pressed={list.id === openId} onClick={() => setOpenId(list.id)}>
                {t('guests.open')}
              </button>
            </li>
          ))}
        </ul>
        <NewListForm api={api} eventId={eventId} onSaved={(list) => { setOpenId(list.id); void load(); }} />
      </section>
      {open && <GuestsPanel key={open.id} api={api} list={open} onChanged={() => void load()} />}
    </div>
  );
}

function NewListForm({ api, eventId, onSaved }: { api: Endpoints; eventId: string; onSaved(list: GuestList): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('');
  const [admitUntil, setAdmitUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const list = await api.createGuestList(eventId, {
        name: name.trim(), ...(capacity ? { capacity: Number(capacity) } : {}), ...(admitUntil ? { admitUntil: toIso(admitUntil) } : {}),
      });
      setName('');
      setCapacity('');
      setAdmitUntil('');
      onSaved(list);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-list-title" data-testid="guest-list-form">
      <h3 id="new-list-title">{t('guests.newList')}</h3>
      <div className="form-grid">
        <Field label={t('guests.listName')} error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
        </Field>
        <Field label={t('guests.capacity')} error={errors.capacity}>
          {(p) => <input {...p} type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} />}
        </Field>
        <Field label={t('guests.admitUntil')} error={errors.admitUntil}>
          {(p) => <input {...p} type="datetime-local" value={admitUntil} onChange={(e) => setAdmitUntil(e.target.value)} />}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      <button type="submit" className="button button-primary">{t('guests.createList')}</button>
    </form>
  );
}

function GuestsPanel({ api, list, onChanged }: { api: Endpoints; list: GuestList; onChanged(): void }) {
  const { t } = useI18n();
  const [guests, setGuests] = useState<Guest[]>([]);
  const [name, setName] = useState('');
  const [plusOnes, setPlusOnes] = useState(0);
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);
  const load = useCallback(async () => {
    try {
      setGuests((await api.guests(list.id)).items);
    } catch (failure) {
      setError(failure);
    }
  }, [api, list.id]);
  useEffect(() => { void load(); }, [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.addGuest(list.id, { name: name.trim(), plusOnes });
      setName('');
      setPlusOnes(0);
      await load();
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  const cancel = async (guest: Guest) => {
    setError(null);
    try {
      await api.cancelGuest(guest.id);
      await load();
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  };
  const copy = async (guest: Guest) => {
    await navigator.clipboard?.writeText(new URL(guest.shareUrl, window.location.origin).toString()).catch(() => {});
    setCopied(guest.id);
  };

  return (
    <section className="panel" aria-labelledby="guests-title">
      <h2 id="guests-title">{list.name}</h2>
      <ul className="plain-list" data-testid="guests">
        {guests.map((g) => (
          <li key={g.id} className="list-row">
            <div>
              <strong>{g.name}</strong>{g.plusOnes > 0 ? ` +${g.plusOnes}` : ''}
              <div className="muted small">
                {g.status === 'cancelled' ? t('guests.cancelled') : t('guests.inOf', { n: g.checkedIn, total: g.plusOnes + 1 })}
                {g.possibleDuplicateOf.length > 0 && ` · ${t('guests.possibleDuplicate', { lists: g.possibleDuplicateOf.map((d) => d.listName).join(', ') })}`}
              </div>
            </div>
            <button type="button" className="button button-small" onClick={() => void copy(g)}>
              {copied === g.id ? t('common.copied') : t('guests.copyLink')}<span className="visually-hidden"> · {g.name}</span>
            </button>
            {g.status !== 'cancelled' && (
              <ConfirmButton className="button button-small" confirmLabel={t('guests.cancelConfirm', { name: g.name })} onConfirm={() => void cancel(g)}>
                {t('guests.cancel')}<span className="visually-hidden"> · {g.name}</span>
              </ConfirmButton>
            )}
          </li>
        ))}
      </ul>
      <form className="editor-form" onSubmit={(e) => void add(e)} aria-labelledby="add-guest-title" data-testid="guest-form">
        <h3 id="add-guest-title">{t('guests.add')}</h3>
        <div className="form-grid">
          <Field label={t('guests.name')} error={errors.name}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />}
          </Field>
          <Field label={t('guests.plusOnes')} error={errors.plusOnes}>
            {(p) => (
              <select {...p} value={plusOnes} onChange={(e) => setPlusOnes(Number(e.target.value))}>
                {PLUS_ONES.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            )}
          </Field>
        </div>
        <ErrorBanner error={Object.keys(errors).length ? null : error} />
        <button type="submit" className="button button-primary">{t('guests.addButton')}</button>
      </form>
    </section>
  );
}
