import { TOKEN_FRAGMENT_KEY } from '../../common/rpc/bridge-protocol';

/** Per-tab copy of the bridge token so a reload keeps working; never the session token. */
const STORAGE_KEY = 'aipc.bridgeToken';

/**
 * The headless launcher prints `http://127.0.0.1:<port>/#bridgeToken=<token>`. On first load the
 * token is taken from the fragment, kept in sessionStorage and wiped from the visible URL (so it
 * is not bookmarked, shared or shown over a shoulder). Later loads read it back from storage.
 */
export function takeBridgeToken(): string | null {
  const fromFragment = tokenFromFragment(window.location.hash);
  if (fromFragment) {
    window.sessionStorage.setItem(STORAGE_KEY, fromFragment);
    const { pathname, search } = window.location;
    // The router owns the fragment from now on; start it at its home route.
    window.history.replaceState(null, '', `${pathname}${search}#/`);
    return fromFragment;
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}

/** Accepts `#bridgeToken=x` and, defensively, a router path in front: `#/login?bridgeToken=x`. */
function tokenFromFragment(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const query = fragment.includes('?') ? fragment.slice(fragment.indexOf('?') + 1) : fragment;
  const token = new URLSearchParams(query).get(TOKEN_FRAGMENT_KEY)?.trim();
  return token ? token : null;
}
