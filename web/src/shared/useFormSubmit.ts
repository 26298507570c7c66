import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client.js';
import type { Translate } from '../i18n/index.js';

/**
 * A form's submit: busy while it runs, the API's refusal kept as `error`
 * and as messages per field (`errors`), for the form to show where each field is.
 */
export function useFormSubmit(t: Translate, action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, errors: fieldErrors(error, t), submit };
}
