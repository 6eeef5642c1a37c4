/** Deep links under /console/ with the History API: links push, the back button pops, a reload lands on the same view. */
import { html } from 'htm/preact';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

const listeners = new Set<() => void>();

export const navigate = (path: string): void => {
  history.pushState(null, '', path);
  for (const listener of listeners) listener();
};

export const usePath = (): string => {
  const [path, setPath] = useState(location.pathname + location.search);
  useEffect(() => {
    const update = () => setPath(location.pathname + location.search);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
};

export const Link = ({ href, children, ...rest }: { href: string; children: ComponentChildren; [attr: string]: unknown }) =>
  html`<a
    href=${href}
    ...${rest}
    onClick=${(e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(href);
    }}
    >${children}</a
  >`;

export const orderHref = (orderId: string): string => `${BASE}/orders/${encodeURIComponent(orderId)}`;
