// An API read a page shows: loaded when the page opens and again after
// any change (see live.svelte.ts). Call during a component's setup.
import { changes } from './live.svelte';

export interface Resource<T> {
  value: T | null;
  error: string;
  loading: boolean;
}

export function resource<T>(fetcher: () => Promise<T>): Resource<T> {
  const r = $state<Resource<T>>({ value: null, error: '', loading: true });
  $effect(() => {
    void changes.version;
    r.loading = true;
    fetcher()
      .then((v) => {
        r.value = v;
        r.error = '';
      })
      .catch((e: Error) => (r.error = e.message))
      .finally(() => (r.loading = false));
  });
  return r;
}
