import { useEffect, useState } from 'react';

/**
 * An image behind the bearer token (an <img> cannot send the header): fetched
 * as a blob, shown through an object URL, released when no longer shown.
 */
export function useObjectUrl(load: (() => Promise<string>) | null, key: string) {
  const [state, setState] = useState<{ url: string | null; error: unknown }>({ url: null, error: null });
  useEffect(() => {
    if (!load) return;
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, error: null });
    load().then(
      (made) => {
        if (cancelled) URL.revokeObjectURL(made);
        else setState({ url: (url = made), error: null });
      },
      (error: unknown) => !cancelled && setState({ url: null, error }),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
    // `key` names what `load` fetches; a new function for the same key is the same image.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
